package io.github.modelrouter.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What answers cost today (UTC), per route and per client, as this replica served them: exact
 * decimal sums for the status page, where the Prometheus counter ({@code router_cost_usd_total})
 * is a float. Starts again from zero when the UTC day changes. Thread-safe: one short monitor.
 */
final class CostLedger {

    private static final long DAY_MILLIS = 86_400_000L;

    private final LongSupplier wallClock;
    private final Map<String, BigDecimal> byRoute = new LinkedHashMap<>();
    private final Map<String, BigDecimal> byClient = new LinkedHashMap<>();
    private long day = Long.MIN_VALUE;

    CostLedger(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    synchronized void add(String route, String client, BigDecimal usd) {
        roll();
        byRoute.merge(route, usd, BigDecimal::add);
        byClient.merge(client, usd, BigDecimal::add);
    }

    synchronized BigDecimal route(String route) {
        roll();
        return byRoute.getOrDefault(route, BigDecimal.ZERO);
    }

    synchronized BigDecimal client(String client) {
        roll();
        return byClient.getOrDefault(client, BigDecimal.ZERO);
    }

    private void roll() {
        long today = Math.floorDiv(wallClock.getAsLong(), DAY_MILLIS);
        if (today != day) {
            day = today;
            byRoute.clear();
            byClient.clear();
        }
    }
}
