package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code router.route.<r>.http2=true} against an HTTP/2-only upstream (issue 15): streamed answers
 * with the thinking filter on, and 100 streams open at once multiplexed over one connection.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
// The stalled-stream case runs last. When its fake stream is released after the router abandoned
// it, the data that still arrives makes the consumer fail, which can take the shared HTTP/2
// connection down; a test right after it then met a 502 "closed the connection before answering"
// (seen once in a fresh-clone run). Whether one abandoned stream should ever close a connection
// other streams share is an open product question, noted for issue 9.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Http2UpstreamIT {

    static final H2FakeUpstream UPSTREAM = start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        RouteProperties p = RouteProperties.none();
        p.set("router.routes", "h2,h2idle");
        p.set("router.max-concurrent", "400");
        p.route("h2", UPSTREAM.url("h2"));
        p.set("router.route.h2.match", "claude");
        p.set("router.route.h2.http2", "true");
        p.set("router.route.h2.response-thinking", "drop");
        p.route("h2idle", UPSTREAM.url("h2idle"));
        p.set("router.route.h2idle.match", "idle-model");
        p.set("router.route.h2idle.http2", "true");
        p.set("router.route.h2idle.idle-timeout", "1");
        return RouterDeployment.war(p);
    }

    @ArquillianResource
    URL base;

    @AfterAll
    static void stop() throws Exception {
        UPSTREAM.close();
    }

    @Test
    @Order(1)
    void streamedAnswerOverHttp2HasItsThinkingDropped() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", true)));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("HTTP/2.0", UPSTREAM.lastVersion());
        assertStreamWithoutThinking(response.body());
    }

    @Test
    @Order(2)
    void hundredConcurrentStreamsShareOneConnection() throws Exception {
        int streams = 100;
        int requestsBefore = UPSTREAM.requests();
        CountDownLatch allOpen = UPSTREAM.holdUntil(streams);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            answers.add(Http.client().sendAsync(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", true)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        assertTrue(allOpen.await(60, TimeUnit.SECONDS), "all " + streams + " streams were open upstream at once");
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertStreamWithoutThinking(response.body());
        }
        assertEquals(requestsBefore + streams, UPSTREAM.requests());
        assertEquals(1, UPSTREAM.connections(), "every stream of this class went over one HTTP/2 connection");
    }

    @Test
    @Order(3)
    void aStalledStreamTimesOutOnItsOwnIdleTimeout() throws Exception {
        // the fake sends message_start, then holds the stream until a second one opens: it never does
        CountDownLatch never = UPSTREAM.holdUntil(2);
        try {
            HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("idle-model", true)));
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().startsWith("event: message_start"), response.body());
            assertTrue(response.body().contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\""),
                    response.body());
        } finally {
            never.countDown();
            never.countDown();
        }
    }

    private static void assertStreamWithoutThinking(String body) {
        assertFalse(body.contains("thinking"), body);
        List<Integer> indices = new ArrayList<>();
        Matcher m = Pattern.compile("event: content_block_start\ndata: \\{\"type\":\"content_block_start\",\"index\":(\\d+)").matcher(body);
        while (m.find()) {
            indices.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(0, 1), indices, body);
        assertTrue(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), body);
    }

    private static H2FakeUpstream start() {
        try {
            return new H2FakeUpstream();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
