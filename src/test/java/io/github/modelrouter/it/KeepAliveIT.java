package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.github.modelrouter.stream.SseEventFilter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keep-alive pings (SPEC "Claude Code as a client", {@code keepalive}): a long thinking phase that
 * {@code response-thinking=drop} hides, or an upstream gone silent mid-stream, gives the client
 * {@code ping} events after {@code keepalive} seconds without a byte, and every other byte of the
 * stream exactly as it would have been. The thinking phase is shortened by config (keepalive=1)
 * and lasts until the client has seen its pings, so no test sleeps for a fixed time.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeepAliveIT {

    private static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .route("opus").with("retries", 0).with("keepalive", 1)
                .route("sonnet").with("retries", 0).with("keepalive", 1));
    }

    @ArquillianResource
    URL base;

    @Test
    void aLongDroppedThinkingPhaseGivesPingsAndAnOtherwiseByteExactStream() throws Exception {
        CountDownLatch pingsSeen = new CountDownLatch(2);
        List<String> events = Answers.thinkingStream("deepseek-v4-pro");
        UPSTREAM.on("deepseek", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            // message_start and the thinking block's start, then thinking deltas (all dropped) until the client has pings
            FakeUpstream.sendEvent(out, events.get(0));
            FakeUpstream.sendEvent(out, events.get(1));
            thinkUntil(pingsSeen, out);
            for (String event : events.subList(2, events.size())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        String received = stream("claude-opus-4-5", pingsSeen);
        assertTrue(count(received, PING) >= 2, received);
        assertEquals(filtered(String.join("", events)), received.replace(PING, ""),
                "without its pings, the stream is the filtered stream byte for byte");
        assertTrue(received.startsWith("event: message_start"), "no ping before the stream's first byte: " + received);
        assertPingsStandAlone(received);
    }

    @Test
    void anUpstreamSilentMidStreamGivesPingsAndTheRestUnchanged() throws Exception {
        CountDownLatch pingsSeen = new CountDownLatch(2);
        List<String> events = Answers.textStream("kimi-for-coding", "one two three");
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String event : events.subList(0, 4)) {
                FakeUpstream.sendEvent(out, event);
            }
            // silent until the client has seen pings (or the test's deadline)
            if (!pingsSeen.await(20, TimeUnit.SECONDS)) {
                throw new FakeUpstream.AbortConnection();
            }
            for (String event : events.subList(4, events.size())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        String received = stream("claude-sonnet-4-5", pingsSeen);
        assertEquals(String.join("", events), received.replace(PING, ""), received);
        assertTrue(count(received, PING) >= 2, received);
        assertPingsStandAlone(received);
    }

    @Test
    void theSdkStreamsThroughPings() throws Exception {
        List<String> events = Answers.thinkingStream("deepseek-v4-pro");
        double before = pingsSent();
        UPSTREAM.on("deepseek", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            FakeUpstream.sendEvent(out, events.get(0));
            FakeUpstream.sendEvent(out, events.get(1));
            CountDownLatch pinged = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // the SDK cannot tell us what it read: the router's own counter says the pings went out
            while (pingsSent() - before < 2 && System.nanoTime() < deadline) {
                thinkOnce(out);
                pinged.await(200, TimeUnit.MILLISECONDS);
            }
            for (String event : events.subList(2, events.size())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        MessageAccumulator accumulator = MessageAccumulator.create();
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", ""))
                .apiKey("sdk-client-key").maxRetries(0).build();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model("claude-opus-4-5").maxTokens(256).addUserMessage("Hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        } finally {
            client.close();
        }
        Message message = accumulator.message();
        List<ContentBlock> content = message.content();
        assertEquals(2, content.size(), content.toString());
        assertEquals("Hello there.", content.get(0).asText().text());
        assertEquals("Bye.", content.get(1).asText().text());
        assertTrue(pingsSent() - before >= 2, "pings were sent during the stream");
    }

    /** Streams a request, counting the router's pings as they arrive, and returns every byte received. */
    private String stream(String model, CountDownLatch pingsSeen) throws Exception {
        HttpResponse<InputStream> response = Http.client().send(
                Http.post(base, "/v1/messages", Http.body(model, true)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int pings = 0;
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
                int now = count(all.toString(StandardCharsets.UTF_8), PING);
                for (; pings < now; pings++) {
                    pingsSeen.countDown();
                }
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Sends dropped thinking deltas every 200 ms until {@code done} (at most 20 s). */
    private static void thinkUntil(CountDownLatch done, OutputStream out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.await(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            thinkOnce(out);
        }
    }

    private static void thinkOnce(OutputStream out) throws java.io.IOException {
        FakeUpstream.sendEvent(out, Answers.event("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm \"}}"));
    }

    private double pingsSent() {
        String metrics = Http.get(base, "/metrics").body();
        Matcher m = Pattern.compile("router_keepalive_pings_total\\{route=\"opus\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** What the router's filter makes of the upstream's stream (response-thinking=drop), for comparison. */
    private static String filtered(String upstream) {
        List<ByteBuffer> out = new ArrayList<>();
        SseEventFilter filter = new SseEventFilter(true, null);
        filter.transform(ByteBuffer.wrap(upstream.getBytes(StandardCharsets.UTF_8)), true, out::add);
        StringBuilder text = new StringBuilder();
        out.forEach(b -> text.append(StandardCharsets.UTF_8.decode(b)));
        return text.toString();
    }

    /** Every ping sits between two whole events: it starts the stream after a blank line. */
    private static void assertPingsStandAlone(String received) {
        int at = received.indexOf(PING);
        while (at >= 0) {
            assertTrue(received.startsWith("\n\n", at - 2), "a ping follows a blank line: " + received);
            at = received.indexOf(PING, at + 1);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
