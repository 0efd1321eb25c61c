package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Claude Code's gateway contract on the answer's headers: retry-after in whole seconds, rate-limit headers kept. */
class GatewayHeadersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.250Z");

    @Test
    void retryAfterBecomesWholeSeconds() {
        assertEquals(Optional.of(30L), ResponseHeaders.retryAfterSeconds("30", NOW));
        assertEquals(Optional.of(2L), ResponseHeaders.retryAfterSeconds("1.2", NOW), "fractions round up");
        assertEquals(Optional.of(0L), ResponseHeaders.retryAfterSeconds("0", NOW));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(20).atOffset(ZoneOffset.UTC).withNano(0));
        assertEquals(Optional.of(20L), ResponseHeaders.retryAfterSeconds(date, NOW), date);
        assertEquals(Optional.of(0L), ResponseHeaders.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", NOW), "past dates: now");
        assertEquals(Optional.empty(), ResponseHeaders.retryAfterSeconds("soon", NOW));
        assertEquals(Optional.empty(), ResponseHeaders.retryAfterSeconds("-3", NOW));
    }

    @Test
    void toClientConvertsRetryAfterAndPassesRateLimitHeaders() {
        List<Map.Entry<String, String>> upstream = List.of(
                Map.entry("retry-after", "2.5"),
                Map.entry("x-should-retry", "true"),
                Map.entry("anthropic-ratelimit-requests-limit", "50"),
                Map.entry("anthropic-ratelimit-requests-remaining", "0"),
                Map.entry("anthropic-ratelimit-requests-reset", "2026-12-02T10:00:30Z"),
                Map.entry("anthropic-ratelimit-tokens-remaining", "1000"),
                Map.entry("request-id", "req_1"));
        assertEquals(List.of(Map.entry("retry-after", "3"), Map.entry("x-should-retry", "true"),
                Map.entry("anthropic-ratelimit-requests-limit", "50"), Map.entry("anthropic-ratelimit-requests-remaining", "0"),
                Map.entry("anthropic-ratelimit-requests-reset", "2026-12-02T10:00:30Z"),
                Map.entry("anthropic-ratelimit-tokens-remaining", "1000"), Map.entry("request-id", "req_1")),
                ResponseHeaders.toClient(upstream));
        assertEquals(List.of(), ResponseHeaders.toClient(List.of(Map.entry("retry-after", "later"))), "unreadable: dropped");
    }
}
