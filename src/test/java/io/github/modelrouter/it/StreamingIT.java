package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/** The answer path under stress: incremental delivery, thinking drop, failures, disconnects, slow clients. */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.max-concurrent", 400)
                .route("opus").with("retries", 0)
                .route("sonnet").with("retries", 0));
    }

    @ArquillianResource
    URL base;

    @Test
    void firstEventReachesTheClientWhileTheUpstreamWithholdsTheRest() throws Exception {
        CountDownLatch clientSawFirstDelta = new CountDownLatch(1);
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            List<String> events = Answers.textStream(request.model(), "one two three");
            // message_start, ping, block start, first delta
            for (String event : events.subList(0, 4)) {
                FakeUpstream.sendEvent(out, event);
            }
            if (!clientSawFirstDelta.await(20, TimeUnit.SECONDS)) {
                throw new FakeUpstream.AbortConnection();
            }
            for (String event : events.subList(4, events.size())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        HttpResponse<InputStream> response = Http.client().send(
                Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        StringBuilder seen = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains("\"text_delta\"")) {
                    clientSawFirstDelta.countDown();
                }
            }
        }
        assertEquals(0, clientSawFirstDelta.getCount(), "the first delta arrived before the upstream sent the rest");
        assertTrue(seen.toString().contains("event: message_stop"), seen.toString());
    }

    @Test
    void thinkingIsDroppedAndIndicesStayContiguous() {
        UPSTREAM.on("deepseek", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String event : Answers.thinkingStream(request.model())) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", true)));
        String body = response.body();
        assertTrue(!body.contains("thinking"), body);
        assertTrue(!body.contains("signature"), body);
        List<Integer> indices = new ArrayList<>();
        Matcher m = Pattern.compile("event: content_block_start\ndata: \\{\"type\":\"content_block_start\",\"index\":(\\d+)").matcher(body);
        while (m.find()) {
            indices.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(0, 1), indices, body);
        assertTrue(body.contains("\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bye.\"}"), body);
        assertTrue(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), body);
    }

    @Test
    void thinkingPassesOnRoutesThatKeepIt() {
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            StringBuilder all = new StringBuilder();
            Answers.thinkingStream(request.model()).forEach(all::append);
            FakeUpstream.sendEvent(out, all.toString());
            out.close();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)));
        StringBuilder expected = new StringBuilder();
        Answers.thinkingStream("kimi-for-coding").forEach(expected::append);
        assertEquals(expected.toString(), response.body(), "byte for byte");
    }

    @Test
    void upstreamDyingMidStreamEndsWithAnErrorEvent() throws Exception {
        CountDownLatch clientSawDelta = new CountDownLatch(1);
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            List<String> events = Answers.textStream(request.model(), "partial answer here");
            for (String event : events.subList(0, 4)) {
                FakeUpstream.sendEvent(out, event);
            }
            // die only once the answer has visibly begun for the client
            clientSawDelta.await(20, TimeUnit.SECONDS);
            throw new FakeUpstream.AbortConnection();
        });
        HttpResponse<InputStream> response = Http.client().send(
                Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line).append('\n');
                if (line.contains("\"text_delta\"")) {
                    clientSawDelta.countDown();
                }
            }
        }
        String text = body.toString();
        assertTrue(text.contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""), text);
        assertTrue(!text.contains("message_stop"), text);
    }

    @Test
    void upstreamDyingBeforeAnyByteReachedTheClientIs502() {
        UPSTREAM.on("kimi", (request, exchange) -> {
            FakeUpstream.startSse(exchange);
            throw new FakeUpstream.AbortConnection();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)));
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"type\":\"api_error\""), response.body());
    }

    @Test
    void aJsonAnswerBrokenBeforeTheClientSawItIs502WithoutTheUpstreamsHeaders() {
        UPSTREAM.on("kimi", (request, exchange) -> {
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("x-ratelimit-remaining-requests", "7");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"id\":\"msg_1\",\"type\":\"message\",".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            throw new FakeUpstream.AbortConnection();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", false)));
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\""), response.body());
        assertTrue(response.headers().firstValue("x-ratelimit-remaining-requests").isEmpty(), response.headers().toString());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void clientDisconnectClosesTheUpstreamConnection() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            try {
                FakeUpstream.sendEvent(out, Answers.messageStart(request.model()));
                for (int i = 0; i < 2_000; i++) {
                    FakeUpstream.sendEvent(out, Answers.event("ping", "{\"type\":\"ping\"}"));
                    // an upstream generating tokens: one event every 20 ms
                    Thread.sleep(20);
                }
            } catch (IOException closed) {
                upstreamSawClose.countDown();
            }
        });
        try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
            String body = Http.body("claude-sonnet-4-5", true);
            String path = base.getPath().replaceAll("/$", "") + "/v1/messages";
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "content-type: application/json\r\ncontent-length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.contains("event: ping")) {
                // read until the stream is flowing
            }
        }
        assertTrue(upstreamSawClose.await(10, TimeUnit.SECONDS), "the proxy closed the upstream connection");
        // the permit and the route's in-flight count come back too
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String health = Http.get(base, "/health").body();
        while (!(health.contains("\"in_flight\":0,\"max_concurrent\"") && !health.matches("(?s).*\"in_flight\":[1-9].*"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = Http.get(base, "/health").body();
        }
        assertTrue(!health.matches("(?s).*\"in_flight\":[1-9].*"), health);
    }

    @Test
    void aSlowClientPausesTheUpstreamAndLosesNoByte() throws Exception {
        // an upstream at model pace (one 16 KB event per millisecond, far faster than tokens come)
        // and a client that reads nothing until the upstream has stalled
        SlowClientRun run = slowClientRun(32L << 20, 16 * 1024, true);
        assertTrue(run.stalledAt < run.total / 2,
                "upstream wrote " + run.stalledAt + " of " + run.total + " bytes to a client reading nothing");
        assertTrue(run.upstreamFinished, "the upstream finished once the client read");
        assertTrue(run.tail.contains("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), run.tail);
        assertEquals(run.deltasSent, run.deltasReceived, "every event the upstream sent reached the client");
    }

    @Test
    void aFloodAgainstAClientThatDoesNotReadStaysBoundedAndIsNeverTruncatedSilently() throws Exception {
        // HTTP/1.1 decoding reads whatever the upstream's socket holds, window or not: against an
        // upstream writing at memory speed the per-exchange cap may trip. Either way the upstream
        // must stall, and the client gets either the whole answer or an error event at its end.
        SlowClientRun run = slowClientRun(64L << 20, 4000, false);
        assertTrue(run.stalledAt < run.total / 2,
                "upstream wrote " + run.stalledAt + " of " + run.total + " bytes to a client reading nothing");
        boolean complete = run.tail.contains("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                && run.deltasReceived == run.deltasSent;
        boolean cutWithError = run.tail.contains(
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\"");
        assertTrue(complete || cutWithError, "neither complete nor ended by an error event: " + run.tail);
    }

    private record SlowClientRun(long total, long stalledAt, long received, String tail, boolean upstreamFinished,
                                 long deltasSent, long deltasReceived) {
    }

    private SlowClientRun slowClientRun(long total, int eventText, boolean paced) throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        byte[] delta = Answers.event("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                        + "x".repeat(eventText) + "\"}}").getBytes(StandardCharsets.UTF_8);
        long events = total / delta.length;
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            FakeUpstream.sendEvent(out, Answers.messageStart(request.model()));
            for (long i = 0; i < events; i++) {
                out.write(delta);
                out.flush();
                written.addAndGet(delta.length);
                if (paced) {
                    Thread.sleep(1);
                }
            }
            FakeUpstream.sendEvent(out, Answers.messageEnd(1));
            out.close();
            finished.countDown();
        });
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()));
            String body = Http.body("claude-sonnet-4-5", true);
            String path = base.getPath().replaceAll("/$", "") + "/v1/messages";
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nconnection: close\r\n"
                    + "content-type: application/json\r\ncontent-length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            long stalledAt = waitUntilStable(written);
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            boolean upstreamFinished = finished.await(10, TimeUnit.SECONDS);
            int deltas = 0;
            for (int at = text.indexOf("event: content_block_delta\n"); at >= 0;
                    at = text.indexOf("event: content_block_delta\n", at + 1)) {
                deltas++;
            }
            return new SlowClientRun(events * delta.length, stalledAt, all.length,
                    text.substring(Math.max(0, text.length() - 400)), upstreamFinished, events, deltas);
        }
    }

    @Test
    void twoHundredConcurrentStreamsComplete() throws Exception {
        UPSTREAM.on("kimi", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            for (String event : Answers.textStream(request.model(), "a b c d e f g h")) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close();
        });
        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(Http.client().sendAsync(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> stream : streams) {
            HttpResponse<String> response = stream.get(45, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), response.body());
        }
    }

    /** Polls until the counter has not moved for 500 ms (deadline 20 s) and returns its value. */
    private static long waitUntilStable(AtomicLong counter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = counter.get();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                return now;
            }
            Thread.sleep(20);
        }
        return counter.get();
    }
}
