package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.AuthScheme;
import io.github.modelrouter.config.BetaHeaderPolicy;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC step 5: what the upstream receives, from the headers Claude Code and the SDKs really send. */
class UpstreamHeadersTest {

    private static final Secret KEY = new Secret("sk-upstream-key");
    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "context-management-2025-06-27,prompt-caching-scope-2026-01-05";

    /** What Claude Code 2.1.197 sends, plus everything that must never be forwarded. */
    private static final ClientHeaders CLAUDE_CODE = ClientHeaders.of(Map.ofEntries(
            Map.entry("Host", List.of("127.0.0.1:9099")),
            Map.entry("Content-Type", List.of("application/json")),
            Map.entry("Content-Length", List.of("123456")),
            Map.entry("Accept", List.of("application/json")),
            Map.entry("X-Api-Key", List.of("sk-router-token")),
            Map.entry("Authorization", List.of("Bearer sk-router-token")),
            Map.entry("anthropic-version", List.of("2023-06-01")),
            Map.entry("anthropic-beta", List.of(BETAS)),
            Map.entry("anthropic-dangerous-direct-browser-access", List.of("true")),
            Map.entry("User-Agent", List.of("claude-cli/2.1.197 (external, sdk-cli)")),
            Map.entry("x-app", List.of("cli")),
            Map.entry("X-Claude-Code-Session-Id", List.of("7d3e4f5a-1b2c-4d6e-9f8a-0b1c2d3e4f5a")),
            Map.entry("X-Stainless-Lang", List.of("js")),
            Map.entry("X-Stainless-Retry-Count", List.of("0")),
            Map.entry("x-request-id", List.of("client-chosen-id")),
            Map.entry("Cookie", List.of("session=abc")),
            Map.entry("Connection", List.of("keep-alive")),
            Map.entry("Keep-Alive", List.of("timeout=5")),
            Map.entry("TE", List.of("trailers")),
            Map.entry("Trailer", List.of("x-checksum")),
            Map.entry("Transfer-Encoding", List.of("chunked")),
            Map.entry("Upgrade", List.of("h2c")),
            Map.entry("Proxy-Authorization", List.of("Basic Zm9vOmJhcg==")),
            Map.entry("Proxy-Connection", List.of("keep-alive")),
            Map.entry("Accept-Encoding", List.of("gzip, deflate, br")),
            Map.entry("Forwarded", List.of("for=10.0.0.1")),
            Map.entry("X-Forwarded-For", List.of("10.0.0.1"))));

    @Test
    void claudeCodeThroughAnXApiKeyRoute() {
        Map<String, String> headers = build(CLAUDE_CODE, TestRoutes.opus(), KEY);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("x-api-key", "sk-upstream-key");
        expected.put("content-type", "application/json");
        expected.put("accept", "application/json");
        expected.put("anthropic-version", "2023-06-01");
        expected.put("anthropic-beta", BETAS);
        expected.put("user-agent", "claude-cli/2.1.197 (external, sdk-cli)");
        expected.put("x-request-id", "req-1");
        expected.put("accept-encoding", "identity");
        assertEquals(expected, headers);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(headers.keySet()), "fixed order");
    }

    @Test
    void bearerRoute() {
        Map<String, String> headers = build(CLAUDE_CODE, TestRoutes.haiku(), KEY);
        assertEquals("Bearer sk-upstream-key", headers.get("authorization"));
        assertNull(headers.get("x-api-key"), "the client's x-api-key is never forwarded");
    }

    @Test
    void namedHeaderRoute() {
        RouteConfig route = TestRoutes.withAuth(AuthScheme.parse("header:X-Goog-Api-Key"), BetaHeaderPolicy.FORWARD);
        Map<String, String> headers = build(CLAUDE_CODE, route, KEY);
        assertEquals("sk-upstream-key", headers.get("x-goog-api-key"));
        assertFalse(headers.containsKey("x-api-key"));
        assertFalse(headers.containsKey("authorization"));
    }

    @Test
    void noKeyMeansNoAuthHeaderAtAll() {
        Map<String, String> headers = build(CLAUDE_CODE, TestRoutes.opus(), null);
        assertFalse(headers.containsKey("x-api-key"));
        assertFalse(headers.containsKey("authorization"));
    }

    @Test
    void anAuthHeaderNamedLikeAnotherHeaderWins() {
        RouteConfig route = TestRoutes.withAuth(AuthScheme.parse("header:User-Agent"), BetaHeaderPolicy.FORWARD);
        List<Map.Entry<String, String>> headers = UpstreamHeaders.build(CLAUDE_CODE, route, KEY, "req-1");
        assertEquals(1, headers.stream().filter(h -> h.getKey().equals("user-agent")).count());
        assertEquals("sk-upstream-key", asMap(headers).get("user-agent"));
    }

    @Test
    void onlyAllowListedHeadersAreSent() {
        assertEquals(List.of("x-api-key", "content-type", "accept", "anthropic-version", "anthropic-beta", "user-agent",
                "x-request-id", "accept-encoding"), List.copyOf(build(CLAUDE_CODE, TestRoutes.opus(), KEY).keySet()));
        String all = build(CLAUDE_CODE, TestRoutes.opus(), KEY).toString();
        for (String secret : List.of("sk-router-token", "session=abc", "Zm9vOmJhcg==", "client-chosen-id", "10.0.0.1")) {
            assertFalse(all.contains(secret), secret);
        }
    }

    @Test
    void defaultsWhenTheClientSendsNothing() {
        Map<String, String> headers = build(name -> List.of(), TestRoutes.opus(), KEY);
        assertEquals("application/json", headers.get("accept"));
        assertEquals("2023-06-01", headers.get("anthropic-version"));
        assertEquals("model-router/0.1", headers.get("user-agent"));
        assertEquals("application/json", headers.get("content-type"));
        assertEquals("identity", headers.get("accept-encoding"));
        assertFalse(headers.containsKey("anthropic-beta"));
    }

    @Test
    void sdkValuesAreForwarded() {
        ClientHeaders sdk = ClientHeaders.of(Map.of("anthropic-version", List.of("2026-10-21"),
                "accept", List.of("text/event-stream"), "user-agent", List.of("Anthropic/Java 3.13.0"),
                "authorization", List.of("Bearer sk-router-token")));
        Map<String, String> headers = build(sdk, TestRoutes.opus(), KEY);
        assertEquals("2026-10-21", headers.get("anthropic-version"));
        assertEquals("text/event-stream", headers.get("accept"));
        assertEquals("Anthropic/Java 3.13.0", headers.get("user-agent"));
        assertFalse(headers.containsKey("authorization"));
    }

    @Test
    void severalBetaLinesAreJoinedWithCommas() {
        ClientHeaders client = ClientHeaders.of(Map.of("anthropic-beta",
                List.of("claude-code-20250219", " interleaved-thinking-2025-05-14 ", "")));
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14",
                build(client, TestRoutes.opus(), KEY).get("anthropic-beta"));
    }

    @Test
    void betaDropPolicy() {
        RouteConfig route = TestRoutes.withAuth(AuthScheme.X_API_KEY, BetaHeaderPolicy.DROP);
        assertFalse(build(CLAUDE_CODE, route, KEY).containsKey("anthropic-beta"));
    }

    @Test
    void betaAllowPolicy() {
        RouteConfig route = TestRoutes.withAuth(AuthScheme.X_API_KEY,
                BetaHeaderPolicy.parse("allow:interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14"));
        assertEquals("interleaved-thinking-2025-05-14", build(CLAUDE_CODE, route, KEY).get("anthropic-beta"));
        RouteConfig none = TestRoutes.withAuth(AuthScheme.X_API_KEY, BetaHeaderPolicy.parse("allow:other-beta"));
        assertFalse(build(CLAUDE_CODE, none, KEY).containsKey("anthropic-beta"));
    }

    @Test
    void valuesWithControlCharactersAreIgnored() {
        ClientHeaders evil = ClientHeaders.of(Map.of("user-agent", List.of("x\r\nx-api-key: stolen"),
                "anthropic-version", List.of("2023-06-01\n"), "anthropic-beta", List.of("a\u0000b", "ok-beta")));
        Map<String, String> headers = build(evil, TestRoutes.opus(), KEY);
        assertEquals("model-router/0.1", headers.get("user-agent"));
        assertEquals("2023-06-01", headers.get("anthropic-version"));
        assertEquals("ok-beta", headers.get("anthropic-beta"));
    }

    @Test
    void cleanTrimsDropsBlankAndControlValuesAndKeepsAListThatNeedsNothing() {
        List<String> fine = List.of("a", "b c");
        assertTrue(fine == UpstreamHeaderRule.clean(fine), "a list that needs no change is answered as it is");
        assertEquals(List.of("a", "b", "c\td"),
                UpstreamHeaderRule.clean(java.util.Arrays.asList("a", " b ", "", "  ", null, "x\u007Fy", "c\td", "e\rf")));
        assertEquals(List.of(), UpstreamHeaderRule.clean(List.of("\n")));
        assertEquals(List.of("tail"), UpstreamHeaderRule.clean(List.of("\u0001", "tail ")));
    }

    @Test
    void severalAcceptLinesAreJoinedOtherHeadersTakeTheFirst() {
        ClientHeaders client = ClientHeaders.of(Map.of("accept", List.of("application/json", "text/event-stream"),
                "user-agent", List.of("first/1", "second/2")));
        Map<String, String> headers = build(client, TestRoutes.opus(), KEY);
        assertEquals("application/json, text/event-stream", headers.get("accept"));
        assertEquals("first/1", headers.get("user-agent"));
    }

    @Test
    void resultIsImmutableAndArgumentsAreChecked() {
        List<Map.Entry<String, String>> headers = UpstreamHeaders.build(CLAUDE_CODE, TestRoutes.opus(), KEY, "r");
        assertThrows(UnsupportedOperationException.class, () -> headers.add(Map.entry("x", "y")));
        assertThrows(NullPointerException.class, () -> UpstreamHeaders.build(CLAUDE_CODE, TestRoutes.opus(), KEY, null));
        assertTrue(headers.stream().allMatch(h -> h.getKey().equals(h.getKey().toLowerCase(java.util.Locale.ROOT))));
    }

    @Test
    void clientHeadersOfIsCaseInsensitiveAndMergesNames() {
        ClientHeaders headers = ClientHeaders.of(Map.of("Anthropic-Beta", List.of("a"), "anthropic-beta", List.of("b")));
        assertEquals(2, headers.values("anthropic-beta").size());
        assertEquals(List.of(), headers.values("absent"));
    }

    private static Map<String, String> build(ClientHeaders client, RouteConfig route, Secret key) {
        return asMap(UpstreamHeaders.build(client, route, key, "req-1"));
    }

    private static Map<String, String> asMap(List<Map.Entry<String, String>> headers) {
        return headers.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (a, b) -> { throw new AssertionError("duplicate header " + a + " / " + b); }, LinkedHashMap::new));
    }
}
