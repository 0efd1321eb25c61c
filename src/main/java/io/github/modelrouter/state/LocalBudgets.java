package io.github.modelrouter.state;

import io.github.modelrouter.config.ClientConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Budgets and rate windows of the named clients in this process: per client, requests in the
 * current minute and tokens and nano-dollars spent in the current UTC day. The in-memory state
 * decides with it; the Redis state keeps it warm so it can decide alone while Redis is away.
 *
 * <p>Thread-safe: each client's counters are guarded by their own monitor, held for a few
 * arithmetic steps only.
 */
final class LocalBudgets {

    private final ConcurrentMap<String, Counters> clients = new ConcurrentHashMap<>();
    private final LongSupplier wallClock;

    /** @param wallClock epoch milliseconds ({@code System::currentTimeMillis}, a fake in tests) */
    LocalBudgets(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    /** Checks every limit of {@code client} and, when admitted, counts the request. */
    Admission admit(ClientConfig client) {
        long now = wallClock.getAsLong();
        Counters counters = counters(client.name());
        synchronized (counters) {
            counters.roll(now);
            if (client.tokensPerDay().isPresent() && counters.dayTokens >= client.tokensPerDay().getAsLong()) {
                return Admission.refused("tokens-per-day", Windows.secondsLeftInDay(now));
            }
            if (client.usdPerDay().isPresent() && counters.dayNanoUsd >= Windows.nanoUsd(client.usdPerDay().get())) {
                return Admission.refused("usd-per-day", Windows.secondsLeftInDay(now));
            }
            if (client.requestsPerMinute().isPresent()
                    && counters.minuteRequests >= client.requestsPerMinute().getAsLong()) {
                return Admission.refused("requests-per-minute", Windows.secondsLeftInMinute(now));
            }
            counters.minuteRequests++;
            return Admission.ALLOWED;
        }
    }

    /** Counts a request that the shared store admitted, so the local view stays close to it. */
    void counted(String client) {
        long now = wallClock.getAsLong();
        Counters counters = counters(client);
        synchronized (counters) {
            counters.roll(now);
            counters.minuteRequests++;
        }
    }

    void charge(String client, long tokens, long nanoUsd) {
        long now = wallClock.getAsLong();
        Counters counters = counters(client);
        synchronized (counters) {
            counters.roll(now);
            counters.dayTokens += tokens;
            counters.dayNanoUsd += nanoUsd;
        }
    }

    long now() {
        return wallClock.getAsLong();
    }

    private Counters counters(String client) {
        return clients.computeIfAbsent(client, name -> new Counters());
    }

    /** One client's windows; guarded by its own monitor. */
    private static final class Counters {
        private long minute = Long.MIN_VALUE;
        private long day = Long.MIN_VALUE;
        private long minuteRequests;
        private long dayTokens;
        private long dayNanoUsd;

        /** A new window starts from zero: fixed windows free all at once at their end. */
        void roll(long now) {
            long currentMinute = Windows.minute(now);
            if (currentMinute != minute) {
                minute = currentMinute;
                minuteRequests = 0;
            }
            long currentDay = Windows.day(now);
            if (currentDay != day) {
                day = currentDay;
                dayTokens = 0;
                dayNanoUsd = 0;
            }
        }
    }
}
