package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RouteHealthTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RouteHealth health = new RouteHealth(clock::get);

    @Test
    void threeFailuresInARowAvoidTheRouteForThirtySeconds() {
        health.failed("HTTP 500");
        health.failed("HTTP 502");
        assertFalse(health.avoided());
        health.failed("connect refused");
        assertTrue(health.avoided());
        assertEquals("connect refused", health.lastOutcome().description());
        clock.addAndGet(RouteHealth.AVOID_FOR.toNanos() - 1);
        assertTrue(health.avoided());
        clock.addAndGet(1);
        assertFalse(health.avoided(), "after the period the next request probes the route again");
    }

    @Test
    void aSuccessResetsTheCount() {
        health.failed("HTTP 500");
        health.failed("HTTP 500");
        health.succeeded("HTTP 200");
        health.failed("HTTP 500");
        assertEquals(1, health.consecutiveFailures());
        assertFalse(health.avoided());
        assertTrue(health.lastOutcome().failure());
    }

    @Test
    void inFlightCountsAttempts() {
        health.attemptStarted();
        health.attemptStarted();
        health.attemptEnded();
        assertEquals(1, health.inFlight());
    }
}
