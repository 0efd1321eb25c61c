package io.github.modelrouter.state;

/**
 * The Lua scripts the Redis state runs. Each runs atomically in Redis, so replicas never race on
 * a check-then-count: two replicas admitting the last request of a minute cannot both succeed.
 * Counters are integers (requests, tokens, nano-dollars), so INCRBY adds them exactly.
 */
final class RedisScripts {

    /**
     * KEYS: minute-requests, day-tokens, day-nano-usd. ARGV: requests-per-minute, tokens-per-day,
     * nano-usd-per-day (-1 for no limit), milliseconds the minute key lives. Returns 0 (admitted
     * and counted), 1 (minute full), 2 (tokens spent), 3 (USD spent).
     */
    static final String ADMIT = """
            local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
            if ARGV[2] ~= '-1' and tokens >= tonumber(ARGV[2]) then return 2 end
            local usd = tonumber(redis.call('GET', KEYS[3]) or '0')
            if ARGV[3] ~= '-1' and usd >= tonumber(ARGV[3]) then return 3 end
            if ARGV[1] ~= '-1' then
              local requests = tonumber(redis.call('GET', KEYS[1]) or '0')
              if requests >= tonumber(ARGV[1]) then return 1 end
              redis.call('INCR', KEYS[1])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
            end
            return 0
            """;

    /** KEYS: a counter. ARGV: amount, milliseconds it lives. Adds and (re)sets the expiry; returns the total. */
    static final String ADD = """
            local total = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return total
            """;

    private RedisScripts() {
    }
}
