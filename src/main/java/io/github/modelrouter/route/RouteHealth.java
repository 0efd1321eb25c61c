package io.github.modelrouter.route;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Live state of one route as the proxy sees it: exchanges in flight, the last upstream outcome,
 * consecutive failures. A route that failed {@value #FAILURE_THRESHOLD} times in a row is
 * <em>avoided</em> for {@link #AVOID_FOR}: requests go to its fallback first, and after that
 * period the next request probes it again. Thread-safe; called from every thread of the proxy.
 */
public final class RouteHealth {

    static final int FAILURE_THRESHOLD = 3;
    static final Duration AVOID_FOR = Duration.ofSeconds(30);

    /** Last outcome seen, for /health. */
    public record Outcome(String description, boolean failure, Instant at) {
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final LongSupplier nanoClock;
    private volatile long lastFailureNanos;
    /** Until when another replica said to avoid this route; {@code hasShared} says whether it did. */
    private volatile long sharedAvoidUntilNanos;
    private volatile boolean hasShared;
    private volatile Outcome lastOutcome;
    /** The last certificate rejection, until the upstream answers again; null when none. */
    private volatile String certificateFailure;

    public RouteHealth(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void attemptStarted() {
        inFlight.incrementAndGet();
    }

    public void attemptEnded() {
        inFlight.decrementAndGet();
    }

    /**
     * The upstream answered in a way that says it works (any status below 500 except 429's kin).
     *
     * @return whether this replica had been avoiding the route until now (so others may stop too)
     */
    public boolean succeeded(String description) {
        boolean wasAvoided = avoidedHere();
        consecutiveFailures.set(0);
        certificateFailure = null;
        hasShared = false;
        lastOutcome = new Outcome(description, false, Instant.now());
        return wasAvoided;
    }

    /**
     * The upstream failed: unreachable, timed out, broke, or answered 5xx/529.
     *
     * @return whether this failure is the one that made the route avoided (so others may avoid it too)
     */
    public boolean failed(String description) {
        int failures = consecutiveFailures.incrementAndGet();
        lastFailureNanos = nanoClock.getAsLong();
        lastOutcome = new Outcome(description, true, Instant.now());
        return failures == FAILURE_THRESHOLD;
    }

    /**
     * The upstream's TLS certificate was rejected: /health shows the route degraded with that
     * reason until an answer arrives again (a certificate does not heal between requests).
     */
    public void certificateRejected(String description) {
        certificateFailure = description;
    }

    /** The last certificate rejection not followed by an answer, or null. */
    public String certificateFailure() {
        return certificateFailure;
    }

    /** Another replica avoids this route for {@code remaining}; zero means it found the route working again. */
    public void avoidedElsewhere(Duration remaining) {
        if (remaining.isZero() || remaining.isNegative()) {
            hasShared = false;
            return;
        }
        sharedAvoidUntilNanos = nanoClock.getAsLong() + Math.min(remaining.toNanos(), AVOID_FOR.toNanos() * 4);
        hasShared = true;
    }

    /** Whether requests should go to the fallback first: failing here, or reported failing by another replica. */
    public boolean avoided() {
        return avoidedHere() || (hasShared && sharedAvoidUntilNanos - nanoClock.getAsLong() > 0);
    }

    private boolean avoidedHere() {
        return consecutiveFailures.get() >= FAILURE_THRESHOLD
                && nanoClock.getAsLong() - lastFailureNanos < AVOID_FOR.toNanos();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public Outcome lastOutcome() {
        return lastOutcome;
    }
}
