package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What an exchange does after an upstream attempt failed or answered with a status, decided before
 * any byte of the answer reached the client: pass the answer on, retry the same route (429, 503,
 * 529: honouring {@code retry-after}, else jittered backoff), or move to the route's fallback
 * (connect error, timeout before headers, 429, 500, 502, 503, 529). Pure: no I/O, no state.
 */
public sealed interface NextStep {

    /** Statuses after which the fallback route is tried. */
    Set<Integer> FALLBACK_STATUSES = Set.of(429, 500, 502, 503, 529);
    /** Statuses after which the same route is tried again, within its retry bound. */
    Set<Integer> RETRY_STATUSES = Set.of(429, 503, 529);
    /** Longest wait a retry may ask for; beyond it the fallback (or the answer) is better. */
    Duration MAX_RETRY_WAIT = Duration.ofSeconds(10);
    /** First backoff step when the upstream gives no {@code retry-after}. */
    Duration BASE_BACKOFF = Duration.ofMillis(250);

    /** Forward the answer (or failure) to the client. */
    record Pass() implements NextStep {
    }

    /** Try the same route again after {@code delay}. */
    record Retry(Duration delay) implements NextStep {
    }

    /** Try {@code route} now. */
    record Fallback(RouteConfig route) implements NextStep {
    }

    /**
     * After an upstream status.
     *
     * @param route the route that answered
     * @param retriesDone retries already made on this route
     * @param status the upstream status
     * @param retryAfter the upstream's {@code retry-after}, or null
     * @param otherKeyUsable whether the route has another key not set aside (a 401/403 may then be retried)
     * @param routes looks up a fallback route by name
     */
    static NextStep afterStatus(RouteConfig route, int retriesDone, int status, String retryAfter,
                                boolean otherKeyUsable, Function<String, Optional<RouteConfig>> routes) {
        boolean retriesLeft = retriesDone < route.retries();
        if (retriesLeft && (status == 401 || status == 403) && otherKeyUsable) {
            return new Retry(Duration.ZERO);
        }
        if (retriesLeft && RETRY_STATUSES.contains(status)) {
            Duration delay = parseRetryAfter(retryAfter, Instant.now()).orElseGet(() -> backoff(retriesDone));
            if (delay.compareTo(MAX_RETRY_WAIT) <= 0) {
                return new Retry(delay);
            }
        }
        if (FALLBACK_STATUSES.contains(status)) {
            return fallbackOf(route, routes);
        }
        return new Pass();
    }

    /** After a failure before the response head (connect error, timeout, broken connection). */
    static NextStep afterFailureBeforeHead(RouteConfig route, Function<String, Optional<RouteConfig>> routes) {
        return fallbackOf(route, routes);
    }

    private static NextStep fallbackOf(RouteConfig route, Function<String, Optional<RouteConfig>> routes) {
        if (route.fallback().isEmpty()) {
            return new Pass();
        }
        return routes.apply(route.fallback()).<NextStep>map(Fallback::new).orElseGet(Pass::new);
    }

    /**
     * {@code retry-after} as delta-seconds (fractions, which some gateways send, accepted) or an
     * HTTP date; empty when absent or unreadable.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(text);
            if (seconds.signum() < 0 || seconds.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.UP)
                    .longValueExact()));
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Exponential backoff with full jitter: a random wait in [base·2ⁿ / 2, base·2ⁿ]. */
    static Duration backoff(int retriesDone) {
        long ceiling = BASE_BACKOFF.toMillis() << Math.min(retriesDone, 6);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
