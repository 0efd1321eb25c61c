package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.FakeUpstream;
import io.github.modelrouter.it.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The smoke check every server distribution must pass with the built WAR, run as users run it (a
 * child process, configured through environment variables only): it starts, {@code /health} is
 * 200, a streamed request goes through to the (fake) upstream, the demo upstream is absent, and
 * SIGTERM drains a stream in flight: the client gets the rest of the stream up to
 * {@code message_stop}, then the process exits. One server per class; the SIGTERM test ends it, so
 * it runs last.
 *
 * <p>Exit status after SIGTERM: 143 (128 + 15), which is how a JVM reports a shutdown triggered by
 * SIGTERM once its shutdown hooks (here the server's graceful stop) have completed; neither Jetty
 * nor Tomcat changes it. systemd is told so with {@code SuccessExitStatus=143}
 * (jetty-base/bin/model-router.service).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class DistributionSmokeTest {

    static final int EXIT_AFTER_SIGTERM = 128 + 15;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final FakeUpstream upstream = FakeUpstream.start();
    private Distribution distribution;
    private ChildProcess server;
    private int port;
    private URL base;

    /** The distribution under test; may skip the class (an assumption) when it is not unpacked. */
    abstract Distribution distribution();

    @BeforeAll
    void startServer() throws Exception {
        distribution = distribution();
        port = DistSettings.freePort();
        server = distribution.start(port, RouterEnvironment.routedTo(upstream), DistSettings.workDirectory(distribution.name()));
        base = new URL("http://127.0.0.1:" + port);
        Probe.await("GET /health answers 200 on port " + port, STARTUP, server, () -> Probe.status(port, "/health") == 200);
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            upstream.close();
        }
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }

    @Test
    @Order(1)
    void healthShowsEveryRouteWithItsKey() {
        HttpResponse<String> health = Http.get(base, "/health");
        assertEquals(200, health.statusCode(), health.body());
        String body = health.body();
        assertTrue(body.contains("\"status\":\"ok\""), body);
        for (String label : new String[] {"DeepSeek", "Kimi", "MiniMax"}) {
            assertTrue(body.contains("\"upstream\":\"" + label + "\""), body);
        }
        assertTrue(!body.contains("\"key_present\":false"), body);
        assertTrue(!body.contains("dist-test-"), "no key in /health: " + body);
    }

    @Test
    @Order(2)
    void aStreamedRequestGoesThroughToItsUpstream() throws Exception {
        SseCall call = SseCall.start(port, Http.body("claude-sonnet-4-5", true));
        String transcript = call.awaitEnd(SHORT);

        assertEquals(200, call.status(), transcript);
        assertTrue(transcript.contains("event: message_stop"), transcript);
        assertTrue(transcript.contains("\"model\":\"kimi-for-coding\""), transcript);
        FakeUpstream.Recorded received = upstream.take();
        assertEquals("/kimi/v1/messages", received.path());
        assertEquals("dist-test-kimi-key", received.header("x-api-key"));
    }

    @Test
    @Order(3)
    void theDemoUpstreamDoesNotExistInTheDefaultProfile() {
        HttpResponse<String> demo = Http.send(Http.post(base, "/demo/opus/v1/messages", Http.body("claude-opus-4-5", false)));
        assertEquals(404, demo.statusCode(), demo.body());
        assertTrue(demo.body().contains("not_found_error"), demo.body());
    }

    @Test
    @Order(4)
    void sigtermLetsTheStreamInFlightFinishThenExits() throws Exception {
        HeldStream held = new HeldStream();
        upstream.on("deepseek", held);
        SseCall call = SseCall.start(port, Http.body("claude-opus-4-5", true));
        call.awaitLine("text_delta", SHORT);

        server.terminate();
        Probe.await("the shutdown has begun (" + distribution.shutdownStartedMarker() + " in the console)", SHORT, null,
                () -> server.logText().contains(distribution.shutdownStartedMarker()));
        Probe.await("new connections are no longer served", SHORT, null, () -> Probe.status(port, "/health") == -1);
        assertTrue(server.isAlive(), "the server must wait for the stream in flight\n" + server.logTail());

        held.release();
        String transcript = call.awaitEnd(GRACE);
        assertTrue(transcript.contains("SIGTERM"), "the withheld part of the answer arrived:\n" + transcript);
        assertTrue(transcript.contains("event: message_stop"), transcript);
        assertTrue(!transcript.contains("event: error"), transcript);

        int status = server.awaitExit(SHORT);
        assertEquals(EXIT_AFTER_SIGTERM, status, "exit status after SIGTERM\n" + server.logTail());
    }
}
