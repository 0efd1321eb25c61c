package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.json.BufferPool;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Realistic Claude Code requests through the default routes: a hand-written one with hand-written
 * expectations (src/test/resources/rewrite), and a generated 300 KB one whose expectations the
 * generator writes by construction.
 */
class ClaudeCodeRequestTest {

    private final RequestRewriter rewriter = new RequestRewriter();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"opus", "sonnet"})
    void handWrittenRequestGetsExactlyTheExpectedChanges(String routeName) throws IOException {
        byte[] client = resource("claude-code-request.json");
        RouteConfig route = routeName.equals("opus") ? TestRoutes.opus() : TestRoutes.sonnet();
        byte[] forwarded = rewriter.rewrite(ClientRequestBody.parse(client), route);
        String expected = new String(resource("claude-code-request." + routeName + ".json"), StandardCharsets.UTF_8);
        // compact forms: member order and number text count, not just map equality
        assertEquals(RequestRewriterTest.compact(expected), new String(forwarded, StandardCharsets.UTF_8));
        assertEquals(Bodies.parssonTree(expected.getBytes(StandardCharsets.UTF_8)), Bodies.parssonTree(forwarded));
    }

    @Test
    void handWrittenRequestIsForwardedUnchangedByAPassThroughRoute() throws IOException {
        byte[] client = resource("claude-code-request.json");
        byte[] forwarded = rewriter.rewrite(ClientRequestBody.parse(client), TestRoutes.passThrough());
        assertEquals(RequestRewriterTest.compact(new String(client, StandardCharsets.UTF_8)),
                new String(forwarded, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OPUS", "SONNET"})
    void largeRequestGetsExactlyTheExpectedChanges(Shape shape) {
        byte[] client = ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT);
        assertTrue(client.length > 290_000 && client.length < 330_000, "size " + client.length);
        ClientRequestBody body = ClientRequestBody.parse(client);
        assertTrue(body.stream());
        RouteConfig route = shape == Shape.OPUS ? TestRoutes.opus() : TestRoutes.sonnet();

        byte[] forwarded = rewriter.rewrite(body, route);

        byte[] expected = ClaudeCodeRequestFixture.bytes(300_000, shape);
        assertEquals(Bodies.parssonTree(expected), Bodies.parssonTree(forwarded), "trees");
        assertEquals(Bodies.tree(new String(expected, StandardCharsets.UTF_8)),
                Bodies.tree(new String(forwarded, StandardCharsets.UTF_8)), "trees with lexical numbers");
        // the fixture writes compact JSON with the router's escapes, so even the bytes match
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(forwarded, StandardCharsets.UTF_8));
    }

    @Test
    void aPooledArrayReusedForASmallerBodyCarriesOnlyThatBody() {
        RequestRewriter pooled = new RequestRewriter(new BufferPool());
        ClientRequestBody large = ClientRequestBody.parse(ClaudeCodeRequestFixture.bytes(400_000, Shape.CLIENT));
        ClientRequestBody smaller = ClientRequestBody.parse(ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT));
        ByteBuffer first = pooled.rewriteToSend(large, TestRoutes.sonnet(), Set.of());
        byte[] array = first.array();
        pooled.recycle(first);
        ByteBuffer second = pooled.rewriteToSend(smaller, TestRoutes.sonnet(), Set.of());
        assertSame(array, second.array(), "the array came back from the pool");
        byte[] sent = new byte[second.remaining()];
        second.duplicate().get(sent);
        assertEquals(new String(ClaudeCodeRequestFixture.bytes(300_000, Shape.SONNET), StandardCharsets.UTF_8),
                new String(sent, StandardCharsets.UTF_8), "exactly the second body, nothing of the first after it");
        assertArrayEquals(rewriter.rewrite(smaller, TestRoutes.sonnet()), pooled.rewrite(smaller, TestRoutes.sonnet()));
    }

    @Test
    void largeRequestRoundTripsByteForByteThroughAPassThroughRoute() {
        byte[] client = ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT);
        byte[] forwarded = rewriter.rewrite(ClientRequestBody.parse(client), TestRoutes.passThrough());
        assertEquals(new String(client, StandardCharsets.UTF_8), new String(forwarded, StandardCharsets.UTF_8));
    }

    @Test
    void largeRequestHasTheShapeOfRealTraffic() {
        ClientRequestBody body = ClientRequestBody.parse(ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT));
        assertEquals(List.of("model", "messages", "system", "tools", "metadata", "max_tokens", "thinking",
                "context_management", "output_config", "stream"), List.copyOf(Bodies.tree(body).keySet()));
        assertEquals(25, Bodies.tree(body).getJsonArray("tools").size());
        assertTrue(Bodies.tree(body).getJsonArray("system").getJsonObject(0).getString("text")
                .startsWith("x-anthropic-billing-header"));
        assertEquals(31999, Bodies.tree(body).getJsonObject("thinking").getInt("budget_tokens"));
        String text = new String(ClaudeCodeRequestFixture.bytes(300_000, Shape.CLIENT), StandardCharsets.UTF_8);
        for (String expected : List.of("\"type\":\"thinking\"", "\"type\":\"redacted_thinking\"", "\"role\":\"system\"",
                "\"cache_control\"", "1e-7", "123456789012345678901234567890.123456789", "🚀")) {
            assertTrue(text.contains(expected), expected);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ClaudeCodeRequestTest.class.getResourceAsStream("/rewrite/" + name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }
}
