package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.RouteConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NextStepTest {

    private final RouteConfig backup = RouteConfig.builder("backup").upstream(URI.create("http://b")).retries(0).build();
    private final RouteConfig primary = RouteConfig.builder("primary").upstream(URI.create("http://p"))
            .fallback("backup").retries(1).build();
    private final Function<String, Optional<RouteConfig>> routes = name -> Optional.ofNullable(
            Map.of("backup", backup, "primary", primary).get(name));

    @ParameterizedTest
    @ValueSource(ints = {429, 503, 529})
    void retryableStatusesAreRetriedWhileRetriesLast(int status) {
        NextStep first = NextStep.afterStatus(primary, 0, status, "2", false, routes);
        assertEquals(new NextStep.Retry(Duration.ofSeconds(2)), first);
        NextStep second = NextStep.afterStatus(primary, 1, status, "2", false, routes);
        assertEquals(new NextStep.Fallback(backup), second);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502})
    void serverErrorsGoStraightToTheFallback(int status) {
        assertEquals(new NextStep.Fallback(backup), NextStep.afterStatus(primary, 0, status, null, false, routes));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 404, 413})
    void otherStatusesPass(int status) {
        assertInstanceOf(NextStep.Pass.class, NextStep.afterStatus(primary, 0, status, null, false, routes));
    }

    @Test
    void aRetryAfterLongerThanTheCapGoesToTheFallbackInstead() {
        assertEquals(new NextStep.Fallback(backup), NextStep.afterStatus(primary, 0, 429, "60", false, routes));
    }

    @Test
    void withoutAFallbackTheAnswerPasses() {
        assertInstanceOf(NextStep.Pass.class, NextStep.afterStatus(backup, 0, 529, null, false, routes));
        assertInstanceOf(NextStep.Pass.class, NextStep.afterFailureBeforeHead(backup, routes));
        assertEquals(new NextStep.Fallback(backup), NextStep.afterFailureBeforeHead(primary, routes));
    }

    @Test
    void aRejectedKeyIsRetriedAtOnceOnlyWhenAnotherKeyIsUsable() {
        assertEquals(new NextStep.Retry(Duration.ZERO), NextStep.afterStatus(primary, 0, 401, null, true, routes));
        assertInstanceOf(NextStep.Pass.class, NextStep.afterStatus(primary, 0, 401, null, false, routes));
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(3)), NextStep.parseRetryAfter(" 3 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(5)), NextStep.parseRetryAfter("Tue, 24 Nov 2026 10:00:05 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), NextStep.parseRetryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), NextStep.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), NextStep.parseRetryAfter("-1", now));
        assertEquals(Optional.empty(), NextStep.parseRetryAfter(null, now));
    }

    @Test
    void backoffIsJitteredAndGrows() {
        for (int retry = 0; retry < 4; retry++) {
            long ceiling = NextStep.BASE_BACKOFF.toMillis() << retry;
            for (int i = 0; i < 50; i++) {
                long wait = NextStep.backoff(retry).toMillis();
                assertTrue(wait >= ceiling / 2 && wait <= ceiling, retry + ": " + wait);
            }
        }
    }
}
