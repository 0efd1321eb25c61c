package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routes with {@code format=openai} against a fake OpenAI-compatible server (strict request schema,
 * JSON and chunked SSE answers), with the official Anthropic Java SDK as the client: it must not
 * notice that the provider speaks Chat Completions.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class OpenAiRoutesIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    private static final OpenAiAnswers.Script TOOLS = new OpenAiAnswers.Script(
            "The user wants the file; I will read it and list the directory.",
            "Let me look at both — “quoted” 😀.",
            List.of(new OpenAiAnswers.ToolCall("call_read1", "Read", "{\"file_path\": \"/tmp/a b.txt\", \"limit\": 10, \"x\": 1.5}"),
                    new OpenAiAnswers.ToolCall("call_ls2", "Bash", "{\"command\": \"ls -la | grep \\\"x\\\"\"}")),
            "tool_calls", 1200, 42, 1024);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.none()
                .set("router.routes", "openai,dropping,anthropic,crossing,anthropic-backup")
                .route("openai", UPSTREAM.url("openai")).with("format", "openai").with("match", "haiku,gpt")
                        .with("model-id", "gpt-4o-mini")
                .route("dropping", UPSTREAM.url("dropping")).with("format", "openai").with("match", "sonnet")
                        .with("response-thinking", "drop")
                .route("anthropic", UPSTREAM.url("anthropic")).with("match", "opus").with("fallback", "openai")
                .route("crossing", UPSTREAM.url("crossing")).with("format", "openai").with("match", "crossing")
                        .with("fallback", "anthropic-backup")
                .route("anthropic-backup", UPSTREAM.url("backup")).with("match", "none"));
    }

    @ArquillianResource
    URL base;

    private AnthropicClient client;

    @BeforeEach
    void setUp() {
        client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", ""))
                .apiKey("sdk-client-key").maxRetries(0).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).system("Be brief.")
                .addUserMessage("Read /tmp/a b.txt").build();
    }

    private Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void aTextAnswerReachesTheSdkAndTheRequestIsChatCompletions() {
        UPSTREAM.on("openai", OpenAiAnswers.answering(OpenAiAnswers.text("Hello from OpenAI.")));
        Message message = client.messages().create(params("claude-haiku-4-5"));
        assertEquals("Hello from OpenAI.", message.content().get(0).asText().text());
        assertEquals("gpt-4o-mini", message.model().asString());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(21, message.usage().inputTokens());
        assertTrue(message.id().startsWith("msg_"), message.id());

        FakeUpstream.Recorded request = UPSTREAM.take();
        assertEquals("/openai/v1/chat/completions", request.path());
        assertEquals("Bearer key-openai", request.header("authorization"));
        assertNull(request.header("anthropic-version"), "no Anthropic headers to an OpenAI upstream");
        assertNull(request.header("x-api-key"));
        assertEquals(List.of(), OpenAiRequestSchema.problems(request.body()));
        assertTrue(request.bodyText().startsWith("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}"),
                request.bodyText());
    }

    @Test
    void theStreamAccumulatesIntoTheNonStreamedTranslation() {
        UPSTREAM.on("openai", OpenAiAnswers.answering(TOOLS));
        Message nonStreamed = client.messages().create(params("claude-haiku-4-5"));
        Message accumulated = streamed(params("claude-haiku-4-5"));
        assertEquals(nonStreamed, accumulated);

        List<ContentBlock> content = accumulated.content();
        assertEquals(4, content.size(), content.toString());
        assertEquals(TOOLS.reasoning(), content.get(0).asThinking().thinking());
        assertEquals(TOOLS.text(), content.get(1).asText().text());
        assertEquals("Read", content.get(2).asToolUse().name());
        assertEquals("call_ls2", content.get(3).asToolUse().id());
        assertEquals(StopReason.TOOL_USE, accumulated.stopReason().orElseThrow());
        assertEquals(1200, accumulated.usage().inputTokens());
        assertEquals(1024, accumulated.usage().cacheReadInputTokens().orElseThrow());
        assertEquals(42, accumulated.usage().outputTokens());
        assertFalse(UPSTREAM.take().bodyText().contains("\"stream\":true"));
        assertTrue(UPSTREAM.take().bodyText().endsWith(",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    }

    @Test
    void responseThinkingDropLeavesReasoningOutOfBothForms() {
        UPSTREAM.on("dropping", OpenAiAnswers.answering(TOOLS));
        Message nonStreamed = client.messages().create(params("claude-sonnet-4-5"));
        Message accumulated = streamed(params("claude-sonnet-4-5"));
        assertEquals(nonStreamed, accumulated);
        assertEquals(3, accumulated.content().size());
        assertTrue(accumulated.content().get(0).isText());
    }

    @Test
    void theClaudeCodeRequestPassesTheSchemaAndItsStreamAccumulatesInTheSdk() throws Exception {
        UPSTREAM.on("openai", OpenAiAnswers.answering(TOOLS));
        byte[] fixture = ClaudeCodeRequestFixture.bytes(300_000, ClaudeCodeRequestFixture.Shape.CLIENT);
        String body = new String(fixture, java.nio.charset.StandardCharsets.UTF_8).replace(
                "\"model\":\"" + ClaudeCodeRequestFixture.CLIENT_MODEL + "\"", "\"model\":\"claude-haiku-4-5\"");
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages?beta=true", body));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertEquals(List.of(), OpenAiRequestSchema.problems(UPSTREAM.take().body()));

        MessageAccumulator accumulator = MessageAccumulator.create();
        for (String event : response.body().split("\n\n")) {
            String data = event.substring(event.indexOf("\ndata: ") + "\ndata: ".length());
            assertTrue(event.startsWith("event: "), event);
            accumulator.accumulate(ObjectMappers.jsonMapper().readValue(data, RawMessageStreamEvent.class));
        }
        Message message = accumulator.message();
        assertEquals(4, message.content().size());
        String input = message.content().get(2).asToolUse()._input().toString();
        assertTrue(input.contains("/tmp/a b.txt") && input.contains("1.5"), input);
    }

    @Test
    void errorStatusesBecomeTheSdksErrorsWithRetryAfterKept() {
        UPSTREAM.on("openai", OpenAiAnswers.error(429, "Rate limit reached for gpt-4o-mini", Map.of("retry-after", "7")));
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)));
        assertEquals(429, response.statusCode());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limit reached for gpt-4o-mini\"}}",
                response.body());
        assertEquals("7", response.headers().firstValue("retry-after").orElse(""));
        assertThrows(RateLimitException.class, () -> client.messages().create(params("claude-haiku-4-5")));

        UPSTREAM.on("openai", OpenAiAnswers.error(401, "Incorrect API key provided", Map.of()));
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> streamed(params("claude-haiku-4-5")));
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
    }

    @Test
    void anErrorObjectMidStreamIsAnSseErrorEvent() {
        CountDownLatch sdkSawDelta = new CountDownLatch(1);
        UPSTREAM.on("openai", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            List<String> chunks = OpenAiAnswers.chunks(OpenAiAnswers.text("partial answer"));
            for (String chunk : chunks.subList(0, 3)) {
                FakeUpstream.sendEvent(out, chunk);
            }
            sdkSawDelta.await(20, TimeUnit.SECONDS);
            FakeUpstream.sendEvent(out, "data: {\"error\":{\"message\":\"Provider returned error\",\"code\":502}}\n\n");
            out.close();
        });
        AnthropicException e = assertThrows(AnthropicException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("claude-haiku-4-5"))) {
                stream.stream().forEach(event -> {
                    if (event.isContentBlockDelta()) {
                        sdkSawDelta.countDown();
                    }
                });
            }
        });
        assertEquals(0, sdkSawDelta.getCount(), "the first events reached the client before the error");
        assertTrue(String.valueOf(e.getMessage()).contains("Provider returned error"), e.getMessage());
    }

    @Test
    void aStreamCutShortIsAnErrorNotASilentTruncation() {
        UPSTREAM.on("openai", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String chunk : OpenAiAnswers.chunks(OpenAiAnswers.text("never finished")).subList(0, 3)) {
                FakeUpstream.sendEvent(out, chunk);
            }
            out.close();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", true)));
        assertTrue(response.body().contains("event: error"), response.body());
        assertFalse(response.body().contains("event: message_stop"), response.body());
    }

    @Test
    void countTokensIsEstimatedLocally() {
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-haiku-4-5").addUserMessage("Hello there, how are you today?").build()).inputTokens();
        assertTrue(tokens > 0 && tokens < 100, "estimate: " + tokens);
        assertTrue(UPSTREAM.received().isEmpty(), "Chat Completions has no count_tokens: nothing is forwarded");
    }

    @Test
    void anAnthropicRouteFallsBackToAnOpenAiRouteAndAnOpenAiRouteToAnAnthropicOne() {
        UPSTREAM.on("anthropic", Answers.error(529, "overloaded_error", Map.of()));
        UPSTREAM.on("openai", OpenAiAnswers.answering(OpenAiAnswers.text("translated fallback")));
        assertEquals("translated fallback", client.messages().create(params("claude-opus-4-5")).content().get(0).asText().text());
        assertEquals("/anthropic/v1/messages", UPSTREAM.take().path());
        FakeUpstream.Recorded translated = UPSTREAM.take();
        assertEquals("/openai/v1/chat/completions", translated.path());
        assertEquals(List.of(), OpenAiRequestSchema.problems(translated.body()));

        UPSTREAM.on("crossing", OpenAiAnswers.error(503, "no capacity", Map.of()));
        Message message = streamed(params("crossing-model"));
        assertTrue(message.content().get(0).asText().text().contains("/backup/"), message.toString());
        assertEquals("/crossing/v1/chat/completions", UPSTREAM.take().path());
        FakeUpstream.Recorded rewritten = UPSTREAM.take();
        assertEquals("/backup/v1/messages", rewritten.path());
        assertTrue(rewritten.bodyText().contains("\"system\":\"Be brief.\""), "an Anthropic body again: " + rewritten.bodyText());
        assertTrue(rewritten.header("anthropic-version") != null, "Anthropic headers again");
    }

    @Test
    void healthAndTheSummaryShowEachRoutesFormatAndTranslatedUsageIsCounted() {
        UPSTREAM.on("openai", OpenAiAnswers.answering(TOOLS));
        streamed(params("claude-haiku-4-5"));
        String health = Http.get(base, "/health").body();
        assertTrue(health.matches("(?s).*\"openai\":\\{\"upstream\":\"openai\",[^}]*\"format\":\"openai\".*"), health);
        assertTrue(health.matches("(?s).*\"anthropic\":\\{\"upstream\":\"anthropic\",[^}]*\"format\":\"anthropic\".*"), health);
        assertTrue(health.contains(UPSTREAM.url("openai") + "/v1/chat/completions"), health);
        String summary = Http.get(base, "/metrics/summary").body();
        assertTrue(summary.contains("\"format\":\"openai\""), summary);
        assertTrue(summary.matches("(?s).*\"openai\":\\{[^}]*\"tokens_out\":(4[2-9]|[5-9]\\d|\\d{3,}),.*"),
                "a translated stream's usage reaches the metrics: " + summary);
    }
}
