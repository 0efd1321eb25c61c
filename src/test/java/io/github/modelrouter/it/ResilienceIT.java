package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Beyond the original router: fallback, retries honouring retry-after, key rotation and set-aside,
 * live health, count_tokens estimates, and metrics that move as requests pass.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class ResilienceIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.none()
                .set("router.routes", "refusing,overloaded,streaming,retrying,backup,rotating,flaky,counting,estimating,chain")
                .route("refusing", "http://127.0.0.1:" + RouterDeployment.unusedPort() + "/nowhere").with("fallback", "backup")
                .route("overloaded", UPSTREAM.url("overloaded")).with("fallback", "backup")
                .route("streaming", UPSTREAM.url("streaming")).with("fallback", "backup")
                .route("retrying", UPSTREAM.url("retrying")).with("retries", 2)
                .route("backup", UPSTREAM.url("backup")).with("model-id", "backup-model")
                // keys only from these two variables, not route(name, upstream)'s key-<name>: exactly two to rotate
                .route("rotating").with("upstream", UPSTREAM.url("rotating"))
                        .with("api-key-env", "ROTATING_KEY_A,ROTATING_KEY_B").with("retries", 1)
                .set("ROTATING_KEY_A", "key-a")
                .set("ROTATING_KEY_B", "key-b")
                .route("flaky", UPSTREAM.url("flaky"))
                .route("counting", UPSTREAM.url("counting"))
                .route("estimating", UPSTREAM.url("estimating")).with("count-tokens", "estimate")
                .route("chain", UPSTREAM.url("chain")).with("fallback", "backup"));
    }

    @ArquillianResource
    URL base;

    @Test
    void aRefusingPrimaryIsServedByItsFallback() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("refusing", false)));
        assertEquals(200, response.statusCode(), response.body());
        FakeUpstream.Recorded served = UPSTREAM.take();
        assertEquals("/backup/v1/messages", served.path());
        assertEquals("key-backup", served.header("x-api-key"));
        assertTrue(served.bodyText().contains("\"model\":\"backup-model\""), "rewritten for the fallback route");
    }

    @Test
    void a529IsServedByTheFallbackAndStreamsFromIt() {
        UPSTREAM.on("overloaded", Answers.error(529, "overloaded_error", Map.of()));
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("overloaded", true)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"model\":\"backup-model\""), response.body());
        assertTrue(response.body().contains("\"text\":\"/backup/v1/messages\""), response.body());
        assertEquals("/overloaded/v1/messages", UPSTREAM.take().path());
        assertEquals("/backup/v1/messages", UPSTREAM.take().path());
        String metrics = Http.get(base, "/metrics").body();
        assertTrue(metrics.matches("(?s).*router_fallbacks_total\\{from=\"overloaded\",to=\"backup\"} [1-9].*"), metrics);
    }

    @Test
    void noFallbackOnceTheStreamHasBegun() throws Exception {
        UPSTREAM.on("streaming", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            List<String> events = Answers.textStream(request.model(), "begun then broken");
            for (String event : events.subList(0, 4)) {
                FakeUpstream.sendEvent(out, event);
            }
            out.close(); // a clean close, but without message_stop
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("streaming", true)));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"text_delta\""), response.body());
        assertTrue(response.body().contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""),
                response.body());
        assertEquals("/streaming/v1/messages", UPSTREAM.take().path());
        assertNull(UPSTREAM.poll(Duration.ofMillis(300)), "the fallback is never called after the stream began");
    }

    @Test
    void retryAfterIsHonouredBeforeTheAnswerBegins() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> arrivals = new ArrayList<>();
        UPSTREAM.on("retrying", (request, exchange) -> {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
            if (calls.incrementAndGet() == 1) {
                FakeUpstream.sendJson(exchange, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"slow down\"}}", Map.of("retry-after", "1"));
            } else {
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "second time lucky"), Map.of());
            }
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("retrying", false)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("second time lucky"));
        assertEquals(2, calls.get());
        long waitedMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        assertTrue(waitedMillis >= 900, "the retry waited for retry-after: " + waitedMillis + " ms");
    }

    @Test
    void keysRotateAndARejectedKeyIsSetAside() {
        List<String> seen = new ArrayList<>();
        UPSTREAM.on("rotating", (request, exchange) -> {
            String key = request.header("x-api-key");
            synchronized (seen) {
                seen.add(key);
            }
            if (key.equals("key-a") && seen.size() > 2) {
                FakeUpstream.sendJson(exchange, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                        + "\"message\":\"invalid x-api-key\"}}", Map.of());
            } else {
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "ok with " + key), Map.of());
            }
        });
        // two requests: round-robin over both keys
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("rotating", false))).statusCode());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("rotating", false))).statusCode());
        assertEquals(List.of("key-a", "key-b"), List.copyOf(seen));
        // key-a is now revoked: its 401 is retried at once with key-b, and key-a is set aside
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("rotating", false)));
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("ok with key-b"), response.body());
        }
        assertEquals(1, seen.subList(2, seen.size()).stream().filter("key-a"::equals).count(),
                "key-a is tried once, then set aside: " + seen);
        String health = Http.get(base, "/health").body();
        assertTrue(health.contains("\"rotating\":{\"upstream\":\"rotating\",\"key_present\":true"), health);
        assertTrue(health.matches("(?s).*\"rotating\":\\{[^}]*\"keys\":2,\"keys_usable\":1.*"), health);
        assertTrue(!health.contains("key-a") && !health.contains("key-b"), "keys never appear in health");
    }

    @Test
    void healthReflectsAFailingUpstreamAndRecovers() {
        UPSTREAM.on("flaky", Answers.error(500, "api_error", Map.of()));
        for (int i = 0; i < 3; i++) {
            assertEquals(500, Http.send(Http.post(base, "/v1/messages", Http.body("flaky", false))).statusCode());
        }
        HttpResponse<String> degraded = Http.get(base, "/health");
        assertEquals(503, degraded.statusCode(), degraded.body());
        assertTrue(degraded.body().matches("(?s).*\"flaky\":\\{[^}]*\"consecutive_failures\":3,\"avoided\":true.*"),
                degraded.body());
        assertTrue(degraded.body().contains("\"reason\":\"upstream failing: 3 failures in a row, last: HTTP 500\""),
                degraded.body());

        UPSTREAM.on("flaky", Answers.defaultAnswer());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("flaky", false))).statusCode());
        HttpResponse<String> recovered = Http.get(base, "/health");
        assertEquals(200, recovered.statusCode(), recovered.body());
        assertTrue(recovered.body().matches("(?s).*\"flaky\":\\{[^}]*\"consecutive_failures\":0,\"avoided\":false.*"),
                recovered.body());
    }

    @Test
    void anAvoidedRouteSendsTrafficStraightToItsFallback() throws Exception {
        UPSTREAM.on("chain", Answers.error(503, "overloaded_error", Map.of()));
        for (int i = 0; i < 3; i++) {
            // each is served by the fallback after the primary's 503
            assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("chain", false))).statusCode());
        }
        UPSTREAM.reset();
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("chain", false))).statusCode());
        assertEquals("/backup/v1/messages", UPSTREAM.take().path(), "the failing primary is skipped");
        assertNull(UPSTREAM.poll(Duration.ofMillis(200)));
    }

    @Test
    void countTokensFallsBackToAnEstimateWhenTheUpstreamHasNoSuchEndpoint() {
        UPSTREAM.on("counting", Answers.error(404, "not_found_error", Map.of()));
        String body = "{\"model\":\"counting\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(400) + "\"}]}";
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages/count_tokens", body));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"input_tokens\":\\d+}"), response.body());
        int estimate = Integer.parseInt(response.body().replaceAll("\\D", ""));
        assertTrue(estimate > 300 && estimate < 1500, "a plausible estimate for 2000 characters: " + estimate);
        assertEquals("/counting/v1/messages/count_tokens", UPSTREAM.take().path());
    }

    @Test
    void countTokensEstimateModeNeverCallsTheUpstream() throws Exception {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages/count_tokens",
                "{\"model\":\"estimating\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"input_tokens\":\\d+}"), response.body());
        assertNull(UPSTREAM.poll(Duration.ofMillis(200)));
    }

    @Test
    void metricsCountRequestsAndTokensAsTheyPass() throws InterruptedException {
        double before = metric("router_requests_total{route=\"counting\",status=\"200\",upstream=\"counting\"}");
        double tokensIn = metric("router_tokens_input_total{route=\"counting\"}");
        double tokensOut = metric("router_tokens_output_total{route=\"counting\"}");
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("counting", false))).statusCode());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("counting", true))).statusCode());
        // counted when each exchange's async cycle completes, which may be just after the client read its answer
        assertEquals(before + 2, awaitMetric("router_requests_total{route=\"counting\",status=\"200\",upstream=\"counting\"}",
                before + 2));
        // JSON answer: 12 in, 5 out; stream: 25 in, 7 out
        assertEquals(tokensIn + 37, awaitMetric("router_tokens_input_total{route=\"counting\"}", tokensIn + 37));
        assertEquals(tokensOut + 12, awaitMetric("router_tokens_output_total{route=\"counting\"}", tokensOut + 12));
        String metrics = Http.get(base, "/metrics").body();
        assertTrue(metrics.contains("router_upstream_ttfb_seconds_bucket{route=\"counting\""), "ttfb histogram");
        assertTrue(metrics.contains("router_proxy_overhead_seconds_count"), "overhead histogram");
        assertTrue(metrics.contains("router_in_flight_requests"), "in-flight gauge");
        assertTrue(!metrics.contains("key-counting"), "keys never appear in metrics");
        String summary = Http.get(base, "/metrics/summary").body();
        assertTrue(summary.contains("\"counting\":{\"upstream\":\"counting\",\"requests\":"), summary);
    }

    /** The series' value once it reaches {@code expected}, or its value at a 10 s deadline. */
    private double awaitMetric(String series, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        double value = metric(series);
        while (value < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = metric(series);
        }
        return value;
    }

    private double metric(String series) {
        String metrics = Http.get(base, "/metrics").body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

}
