package io.github.modelrouter.state;

/**
 * Names of what the router keeps in Redis, all under one prefix so it can share a Redis with
 * other applications. Client names and route names keep to a safe alphabet (checked at start-up);
 * keys appear only as ids derived from a digest, never as themselves.
 */
final class RedisKeys {

    static final String PREFIX = "model-router:";
    static final String EVENTS = PREFIX + "events";
    static final String COOLDOWNS = PREFIX + "cooldowns";
    static final String AVOIDED = PREFIX + "avoided";
    /** Slack past a window's end before its key expires, for replicas whose clocks lag a little. */
    static final long EXPIRY_SLACK_MILLIS = 60_000L;

    private RedisKeys() {
    }

    static String minuteRequests(String client, long epochMillis) {
        return PREFIX + "rpm:" + client + ":" + Windows.minute(epochMillis);
    }

    static String dayTokens(String client, long epochMillis) {
        return PREFIX + "tokens:" + client + ":" + Windows.day(epochMillis);
    }

    static String dayNanoUsd(String client, long epochMillis) {
        return PREFIX + "usd:" + client + ":" + Windows.day(epochMillis);
    }

    static String sticky(String session) {
        return PREFIX + "sticky:" + session;
    }
}
