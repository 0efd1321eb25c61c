package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.io.OutputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
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

/** The official Anthropic Java SDK as the client: it must not notice it is not talking to Anthropic. */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class AnthropicSdkIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .route("opus").with("retries", 0)
                .route("sonnet").with("retries", 0));
    }

    @ArquillianResource
    URL base;

    private AnthropicClient client;

    @BeforeEach
    void setUp() {
        client = AnthropicOkHttpClient.builder()
                .baseUrl(base.toString().replaceAll("/$", ""))
                .apiKey("sdk-client-key")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Hello").build();
    }

    @Test
    void everyTierAnswersTheSdk() {
        for (String[] tier : new String[][] {{"claude-opus-4-5", "deepseek-v4-pro", "/deepseek/"},
                {"claude-sonnet-4-5", "kimi-for-coding", "/kimi/"}, {"claude-haiku-4-5", "MiniMax-M2.7", "/minimax/"}}) {
            Message message = client.messages().create(params(tier[0]));
            assertEquals(tier[1], message.model().asString());
            String text = message.content().get(0).asText().text();
            assertTrue(text.contains(tier[2]), text);
            assertEquals(12, message.usage().inputTokens());
        }
    }

    @Test
    void streamingWithThinkingDroppedAccumulatesCleanly() {
        UPSTREAM.on("deepseek", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String event : Answers.thinkingStream(request.model())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("claude-opus-4-5"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        List<ContentBlock> content = message.content();
        assertEquals(2, content.size(), content.toString());
        assertEquals("Hello there.", content.get(0).asText().text());
        assertEquals("Bye.", content.get(1).asText().text());
        assertEquals(11, message.usage().outputTokens());
    }

    @Test
    void streamingWithThinkingKeptShowsTheThinking() {
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String event : Answers.thinkingStream(request.model())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("claude-sonnet-4-5"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        List<ContentBlock> content = accumulator.message().content();
        assertEquals(4, content.size());
        assertEquals("Let me think.", content.get(0).asThinking().thinking());
    }

    @Test
    void nonStreamedThinkingIsDroppedForOpus() {
        UPSTREAM.on("deepseek", (request, exchange) ->
                FakeUpstream.sendJson(exchange, 200, Answers.messageWithThinking(request.model(), "visible"), Map.of()));
        Message message = client.messages().create(params("claude-opus-4-5"));
        assertEquals(1, message.content().size());
        assertEquals("visible", message.content().get(0).asText().text());
    }

    @Test
    void upstreamDyingMidStreamIsAnSdkError() {
        java.util.concurrent.CountDownLatch sdkSawDelta = new java.util.concurrent.CountDownLatch(1);
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            List<String> events = Answers.textStream(request.model(), "cut short here");
            for (String event : events.subList(0, 4)) {
                FakeUpstream.sendEvent(out, event);
            }
            sdkSawDelta.await(20, java.util.concurrent.TimeUnit.SECONDS);
            throw new FakeUpstream.AbortConnection();
        });
        AnthropicException e = assertThrows(AnthropicException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("claude-sonnet-4-5"))) {
                stream.stream().forEach(event -> {
                    if (event.isContentBlockDelta()) {
                        sdkSawDelta.countDown();
                    }
                });
            }
        });
        assertEquals(0, sdkSawDelta.getCount(), "the error came after the answer had begun");
        assertTrue(String.valueOf(e.getMessage()).contains("api_error") || String.valueOf(e.getMessage()).contains("broke"),
                String.valueOf(e.getMessage()));
    }

    @Test
    void upstreamBadRequestIsTheSdksBadRequest() {
        UPSTREAM.on("kimi", Answers.error(400, "invalid_request_error", Map.of()));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.messages().create(params("claude-sonnet-4-5")));
        assertTrue(e.getMessage().contains("upstream says 400"), e.getMessage());
    }

    @Test
    void countTokensThroughTheSdk() {
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-haiku-4-5").addUserMessage("Hello").build()).inputTokens();
        assertEquals(42, tokens);
    }
}
