package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error paths: upstream errors passed through, the proxy's own 502/504/413/503, degraded health. */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class ErrorsIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();
    static final int MAX_CONCURRENT = 3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.none()
                .set("router.routes", "errors,silent,refused,hold,nokey,longstream")
                .set("router.require-keys", false)
                .set("router.max-concurrent", MAX_CONCURRENT)
                .set("router.max-body-bytes", 65536)
                .route("errors", UPSTREAM.url("errors"))
                .route("silent", UPSTREAM.url("silent")).with("idle-timeout", 1)
                .route("longstream", UPSTREAM.url("longstream")).with("timeout", 1)
                .route("refused", "http://127.0.0.1:" + RouterDeployment.unusedPort())
                .route("hold", UPSTREAM.url("hold"))
                // a route without a key: the variable it names is unset (require-keys is off)
                .route("nokey").with("upstream", UPSTREAM.url("nokey")).with("api-key-env", "MODEL_ROUTER_TEST_UNSET_KEY"));
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @CsvSource({"400,invalid_request_error", "429,rate_limit_error", "500,api_error", "529,overloaded_error"})
    void upstreamErrorsPassThroughWithTheirBodiesAndHeaders(int status, String type) {
        UPSTREAM.on("errors", Answers.error(status, type, Map.of("retry-after", "7", "x-ratelimit-remaining", "0")));
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("errors", false)));
        assertEquals(status, response.statusCode());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"upstream says " + status + "\"}}",
                response.body());
        assertEquals("7", response.headers().firstValue("retry-after").orElse(null));
        assertEquals("upstream-req-1", response.headers().firstValue("request-id").orElse(null));
        assertTrue(response.headers().firstValue("x-request-id").isPresent());
    }

    @Test
    void refusedConnectionIs502() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("refused", true)));
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\""), response.body());
        assertTrue(!response.body().contains("key-refused"));
    }

    @Test
    void silentUpstreamIs504() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        UPSTREAM.on("silent", (request, exchange) -> release.await(30, TimeUnit.SECONDS));
        try {
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("silent", true)));
            assertEquals(504, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"type\":\"timeout_error\""), response.body());
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUpstreamFallingSilentMidStreamEndsWithATimeoutErrorEvent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        UPSTREAM.on("silent", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            FakeUpstream.sendEvent(out, Answers.messageStart(request.model()));
            release.await(30, TimeUnit.SECONDS); // silent past the route's 1 s idle timeout
        });
        try {
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("silent", true)));
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("event: message_start"), response.body());
            assertTrue(response.body().endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\","
                    + "\"message\":\"upstream 127.0.0.1 sent nothing within the idle timeout (1.0 s)\"}}\n\n"), response.body());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStreamOutlivingTheTotalTimeoutEndsWithATimeoutErrorEvent() {
        UPSTREAM.on("longstream", (request, exchange) -> {
            OutputStream out = FakeUpstream.startSse(exchange);
            FakeUpstream.sendEvent(out, Answers.messageStart(request.model()));
            for (int i = 0; i < 100; i++) {
                FakeUpstream.sendEvent(out, Answers.event("ping", "{\"type\":\"ping\"}"));
                Thread.sleep(100); // a lively upstream: never idle, but slower than the 1 s total
            }
            out.close();
        });
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("longstream", true)));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("event: ping"), response.body());
        assertTrue(response.body().endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\","
                + "\"message\":\"upstream did not finish within the total timeout\"}}\n\n"), response.body());
    }

    @Test
    void oversizedBodiesAre413WithOrWithoutContentLength() {
        String big = Http.body("errors", false).replace("Hello", "x".repeat(100_000));
        HttpResponse<String> declared = Http.send(Http.post(base, "/v1/messages", big));
        assertEquals(413, declared.statusCode());
        assertTrue(declared.body().contains("\"type\":\"request_too_large\""), declared.body());

        HttpResponse<String> chunked = Http.send(HttpRequest.newBuilder(Http.uri(base, "/v1/messages"))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));
        assertEquals(413, chunked.statusCode());
        assertTrue(chunked.body().contains("\"type\":\"request_too_large\""), chunked.body());
        assertEquals(0, UPSTREAM.received().size(), "an oversized body is never forwarded");
    }

    @Test
    void requestsOverTheCapGet503AndPermitsComeBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        UPSTREAM.on("hold", (request, exchange) -> {
            release.await(30, TimeUnit.SECONDS);
            FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "held"), Map.of());
        });
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONCURRENT; i++) {
                held.add(Http.client().sendAsync(Http.post(base, "/v1/messages", Http.body("hold", false)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < MAX_CONCURRENT; i++) {
                UPSTREAM.take();
            }
            HttpResponse<String> rejected = Http.send(Http.post(base, "/v1/messages", Http.body("hold", false)));
            assertEquals(503, rejected.statusCode());
            assertTrue(rejected.body().contains("\"type\":\"overloaded_error\""), rejected.body());
            assertTrue(rejected.headers().firstValue("retry-after").isPresent());
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }
        // every permit is back: a full set of concurrent requests passes again
        Http.awaitNothingInFlight(base);
        UPSTREAM.on("hold", Answers.defaultAnswer());
        List<CompletableFuture<HttpResponse<String>>> again = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT; i++) {
            again.add(Http.client().sendAsync(Http.post(base, "/v1/messages", Http.body("hold", false)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : again) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void errorsLeakNoPermits() throws Exception {
        // bad requests of every kind, more than the cap, one after another
        for (int i = 0; i < MAX_CONCURRENT * 3; i++) {
            Http.send(Http.post(base, "/v1/messages", "not json"));
            Http.send(Http.post(base, "/v1/messages", Http.body("refused", false)));
        }
        Http.awaitNothingInFlight(base);
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT; i++) {
            parallel.add(Http.client().sendAsync(Http.post(base, "/v1/messages", Http.body("errors", false)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : parallel) {
            assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    /**
     * An answer given before the body was read (here a 404 for an unknown endpoint) arrives while
     * the client is still sending, the rest of the body is read and dropped, and the connection
     * stays usable: no reset destroys the answer, no close catches a client that reuses it.
     */
    @Test
    @Timeout(30)
    void anEarlyAnswerReadsTheRestOfTheBodyAndKeepsTheConnection() throws Exception {
        String body = "{\"model\":\"claude-haiku-4-5\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        try (RawHttp http = new RawHttp(base, 10_000)) {
            http.head("POST", RawHttp.path(base, "/v1/nowhere"), "Host: 127.0.0.1", "Content-Type: application/json",
                    "Content-Length: " + body.length());
            String head = http.readHead();
            assertEquals(404, RawHttp.status(head), head);
            assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), head);
            assertTrue(http.readBody(RawHttp.contentLength(head)).contains("not_found_error"));
            // the body only now follows its answer, in two parts
            http.send(body.substring(0, 10_000)).send(body.substring(10_000));
            http.head("GET", RawHttp.path(base, "/health"), "Host: 127.0.0.1");
            String second = http.readHead();
            assertTrue(RawHttp.status(second) == 200 || RawHttp.status(second) == 503, second);
        }
        Http.awaitNothingInFlight(base);
    }

    @Test
    void healthIsDegradedWhenARouteHasNoKey() {
        HttpResponse<String> response = Http.get(base, "/health");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().startsWith("{\"status\":\"degraded\""), response.body());
        assertTrue(response.body().contains("MODEL_ROUTER_TEST_UNSET_KEY"), response.body());
        assertTrue(!response.body().contains("key-errors"), "keys never appear in health");
    }

}
