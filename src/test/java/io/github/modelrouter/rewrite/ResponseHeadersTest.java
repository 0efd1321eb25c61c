package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
        "te", "trailer", "transfer-encoding", "upgrade", "content-length", "set-cookie", "set-cookie2", "x-request-id",
        "date", "server", "alt-svc", "strict-transport-security", ":status", "Set-Cookie", "Transfer-Encoding", ""})
    void dropped(String name) {
        assertFalse(ResponseHeaders.forwardToClient(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"content-type", "retry-after", "request-id", "anthropic-organization-id",
        "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-reset", "x-ratelimit-limit-requests",
        "ratelimit-remaining", "ratelimit-policy", "content-encoding", "cache-control", "x-should-retry", "cf-ray",
        "Content-Type", "Retry-After"})
    void kept(String name) {
        assertTrue(ResponseHeaders.forwardToClient(name), name);
    }

    @org.junit.jupiter.api.Test
    void headersNamedByConnectionAreHopByHopToo() {
        java.util.List<java.util.Map.Entry<String, String>> upstream = java.util.List.of(
                java.util.Map.entry("content-type", "application/json"),
                java.util.Map.entry("connection", "keep-alive, X-Upstream-Hop"),
                java.util.Map.entry("x-upstream-hop", "1"),
                java.util.Map.entry("retry-after", "3"));
        assertEquals(java.util.List.of(java.util.Map.entry("content-type", "application/json"),
                java.util.Map.entry("retry-after", "3")), ResponseHeaders.toClient(upstream));
    }
}
