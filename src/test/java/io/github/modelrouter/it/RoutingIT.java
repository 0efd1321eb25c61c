package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture.Shape;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default three tiers, end to end: routing, model swap, auth translation, body rewrite, headers. */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class RoutingIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM));
    }

    @ArquillianResource
    URL base;

    @Test
    void opusGoesToDeepSeekWithItsModelKeyAndPlaceholderThinking() {
        String body = "{\"model\":\"claude-opus-4-5-20251101\",\"max_tokens\":1024,"
                + "\"temperature\":1.0,\"top_p\":1e-7,\"metadata\":{\"user_id\":\"u-123456789012345678901234567890\"},"
                + "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi \u00e9\u4e2d\ud83d\ude00\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"again\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages?beta=true", body)
                .header("x-api-key", "client-key-must-not-leak")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .header("user-agent", "claude-cli/2.1.197 (external, sdk-cli)")
                .header("x-app", "cli")
                .header("cookie", "session=abc"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("deepseek-v4-pro"), response.body());
        assertNotNull(response.headers().firstValue("x-request-id").orElse(null));

        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("/deepseek/v1/messages", upstream.path());
        assertNull(upstream.query(), "the client's query string is not forwarded");
        assertEquals("test-deepseek-key", upstream.header("x-api-key"));
        assertNull(upstream.header("authorization"));
        assertNull(upstream.header("cookie"));
        assertNull(upstream.header("x-app"));
        assertEquals("2023-06-01", upstream.header("anthropic-version"));
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14", upstream.header("anthropic-beta"));
        assertEquals("claude-cli/2.1.197 (external, sdk-cli)", upstream.header("user-agent"));
        assertEquals(response.headers().firstValue("x-request-id").orElseThrow(), upstream.header("x-request-id"));
        String forwarded = upstream.bodyText();
        assertTrue(forwarded.contains("\"model\":\"deepseek-v4-pro\""), forwarded);
        assertTrue(forwarded.contains("\"temperature\":1.0"), forwarded);
        assertTrue(forwarded.contains("\"top_p\":1e-7"), forwarded);
        assertTrue(forwarded.contains("Hi \u00e9\u4e2d\ud83d\ude00"), forwarded);
        assertTrue(!forwarded.contains("cache_control"), forwarded);
        assertTrue(forwarded.contains("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"), forwarded);
    }

    @Test
    void sonnetGoesToKimiWithThinkingDisabled() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", false))
                .header("authorization", "Bearer client-token"));
        assertEquals(200, response.statusCode(), response.body());
        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("/kimi/v1/messages", upstream.path());
        assertEquals("test-kimi-key", upstream.header("x-api-key"));
        assertNull(upstream.header("authorization"), "the client's bearer token is never forwarded");
        assertTrue(upstream.bodyText().contains("\"model\":\"kimi-for-coding\""), upstream.bodyText());
        assertTrue(upstream.bodyText().contains("\"thinking\":{\"type\":\"disabled\"}"), upstream.bodyText());
    }

    /**
     * Claude Code bodies of 300–400 KB one after another: the router writes each rewrite into an
     * array the previous one used (its buffer pool), and each arrives exactly as rewritten, with
     * nothing of an earlier body after its end.
     */
    @Test
    void largeBodiesInARowArriveExactlyAsRewritten() {
        for (int size : new int[] {400_000, 300_000, 400_000, 300_000}) {
            String client = new String(ClaudeCodeRequestFixture.bytes(size, Shape.CLIENT), StandardCharsets.UTF_8)
                    .replace("\"model\":\"" + ClaudeCodeRequestFixture.CLIENT_MODEL + "\"", "\"model\":\"claude-sonnet-4-5\"");
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", client));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(new String(ClaudeCodeRequestFixture.bytes(size, Shape.SONNET), StandardCharsets.UTF_8),
                    UPSTREAM.take().bodyText(), "body of " + size);
        }
    }

    /** A small JSON answer is held whole and leaves with its exact length, not chunked. */
    @Test
    void aJsonAnswerGoesOutWithItsLength() throws Exception {
        String body = Http.body("claude-haiku-4-5", false);
        try (RawHttp http = new RawHttp(base, 10_000)) {
            http.head("POST", RawHttp.path(base, "/v1/messages"), "Host: 127.0.0.1", "Content-Type: application/json",
                    "anthropic-version: 2023-06-01", "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            http.send(body);
            String head = http.readHead();
            assertEquals(200, RawHttp.status(head), head);
            assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding"), head);
            int length = RawHttp.contentLength(head);
            assertTrue(length > 0, head);
            String answer = http.readBody(length);
            assertTrue(answer.startsWith("{") && answer.endsWith("}"), answer);
        }
        UPSTREAM.take();
    }

    @Test
    void haikuGoesToMiniMaxWithBearerAuth() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)));
        assertEquals(200, response.statusCode(), response.body());
        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("/minimax/v1/messages", upstream.path());
        assertEquals("Bearer test-minimax-key", upstream.header("authorization"));
        assertNull(upstream.header("x-api-key"));
        assertTrue(upstream.bodyText().contains("\"model\":\"MiniMax-M2.7\""), upstream.bodyText());
    }

    @Test
    void streamedRequestArrivesAsEvents() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertTrue(response.body().startsWith("event: message_start\n"), response.body());
        assertTrue(response.body().contains("event: message_stop"), response.body());
    }

    @Test
    void countTokensGoesToTheSameUpstream() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages/count_tokens?beta=true",
                "{\"model\":\"claude-opus-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[]}"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"input_tokens\":42}", response.body());
        assertEquals("/deepseek/v1/messages/count_tokens", UPSTREAM.take().path());
    }

    @Test
    void unknownModelIs400NamingTheModel() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("gpt-4o", false)));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"type\":\"invalid_request_error\""), response.body());
        assertTrue(response.body().contains("gpt-4o"), response.body());
    }

    @Test
    void invalidBodiesAre400() {
        for (String bad : new String[] {"not json", "[1,2]", "{\"messages\":[]}", "{\"model\":7}", "{\"model\":\"\"}",
                "{\"model\":\"" + "x".repeat(129) + "\"}"}) {
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", bad));
            assertEquals(400, response.statusCode(), bad);
            assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\""),
                    response.body());
            assertTrue(response.headers().firstValue("x-request-id").isPresent());
        }
    }

    @Test
    void unknownPathsAre404Envelopes() {
        for (String path : new String[] {"/v1/complete", "/nope", "/v1/messages/batches"}) {
            HttpResponse<String> response = Http.get(base, path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.body().contains("\"type\":\"not_found_error\""), path + " " + response.body());
        }
        assertEquals(404, Http.send(Http.post(base, "/health", "{}")).statusCode());
        assertEquals(0, UPSTREAM.received().size(), "nothing is forwarded");
    }

    @Test
    void modelsListsTheRoutes() {
        HttpResponse<String> response = Http.get(base, "/v1/models");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"id\":\"claude-opus\""), response.body());
        assertTrue(response.body().contains("\"id\":\"claude-haiku\""), response.body());
        assertTrue(response.body().contains("\"has_more\":false"), response.body());
    }

    @Test
    void healthIsOkWhenEveryRouteHasAKey() {
        HttpResponse<String> response = Http.get(base, "/health");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"status\":\"ok\",\"tiers\":{\"opus\":{\"upstream\":\"DeepSeek\",\"key_present\":true"),
                response.body());
        assertTrue(!response.body().contains("test-deepseek-key"), "keys never appear in health");
    }

    @Test
    void statusPageAnswersHead() {
        HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri(base, "/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, response.statusCode());
    }
}
