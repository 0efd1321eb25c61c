package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.FakeUpstream;
import io.github.modelrouter.it.Http;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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
 * child process, configured through environment variables, an operator file and a profile): it
 * starts, {@code /health} is 200, the configuration sources rank as SPEC says, a JSON and a
 * streamed request go through to the (fake) upstream and the first is logged in the server's log
 * with its request id, the status page's files are served, the demo upstream is absent, and
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
    /** The model the operator file's {@code %dist.} line gives the haiku route (the WAR says MiniMax-M2.7). */
    static final String OPERATOR_FILE_MODEL = "minimax-from-operator-file-dist-profile";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(30);
    /**
     * How long the stream stays held after the shutdown began: longer than the 5 s the upstream
     * client was once given at undeployment, so a server that undeploys without draining (Payara)
     * shows whether the router itself waits for the stream.
     */
    private static final Duration HOLD_DURING_SHUTDOWN = Duration.ofSeconds(7);

    private final FakeUpstream upstream = FakeUpstream.start();
    private Distribution distribution;
    private ChildProcess server;
    private int port;
    private URL base;

    /** The distribution under test; may skip the class (an assumption) when it is not unpacked. */
    abstract Distribution distribution();

    /**
     * Whether the router answers the requests this server refuses before any web application
     * (JettyServerErrors on Jetty, TomcatHostErrors on Tomcat); elsewhere they keep the server's answer.
     */
    boolean refusalsBeforeTheWebAppGetTheEnvelope() {
        return false;
    }

    @BeforeAll
    void startServer() throws Exception {
        distribution = distribution();
        port = DistSettings.freePort();
        Path work = DistSettings.workDirectory(distribution.name());
        server = distribution.start(port, environment(work), work);
        base = new URL("http://127.0.0.1:" + port);
        Probe.await("GET /health answers 200 on port " + port, STARTUP, server, () -> Probe.status(port, "/health") == 200);
    }

    /**
     * The routes through environment variables, plus an operator file (ROUTER_CONFIG_FILE) whose
     * haiku model exists only in the profile chosen by MP_CONFIG_PROFILE.
     */
    private Map<String, String> environment(Path work) throws IOException {
        Path operatorFile = work.resolve("router.properties");
        Files.writeString(operatorFile, "router.route.haiku.model-id=not-this-one-outside-the-profile\n"
                + "%dist.router.route.haiku.model-id=" + OPERATOR_FILE_MODEL + "\n", StandardCharsets.UTF_8);
        Map<String, String> env = RouterEnvironment.routedTo(upstream);
        env.put("ROUTER_CONFIG_FILE", operatorFile.toString());
        env.put("MP_CONFIG_PROFILE", "dist");
        return env;
    }

    private void awaitInLog(String what, String text) {
        try {
            Probe.await(what, SHORT, null, () -> server.logText().contains(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The server's address. */
    URL base() {
        return base;
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
    @Order(1)
    void theOperatorFileAndTheProfileRankAboveTheWarDefaultsAndTheEnvironmentAboveThem() {
        String body = Http.get(base, "/health").body();
        assertTrue(body.contains("\"model\":\"" + OPERATOR_FILE_MODEL + "\""), body);
        assertTrue(body.contains("\"url\":\"" + upstream.url("minimax") + "/v1/messages\""), body);
    }

    @Test
    @Order(2)
    void theServerDoesNotWarnThatAMethodIsUncovered() {
        // Jetty's default descriptor pairs its TRACE constraint with "everything but TRACE"; lifting
        // only the first (JettyTraceConstraint) made every start warn about uncovered methods
        assertFalse(server.logText().contains("uncovered HTTP methods"), server.logText());
    }

    @Test
    @Order(2)
    void aJsonRequestGoesThroughAndIsLoggedWithItsRequestId() throws Exception {
        HttpResponse<String> answer = Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)));

        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"type\":\"message\""), answer.body());
        FakeUpstream.Recorded received = upstream.take();
        assertEquals("/minimax/v1/messages", received.path());
        assertEquals("Bearer dist-test-minimax-key", received.header("authorization"));
        assertEquals(OPERATOR_FILE_MODEL, received.model());
        String requestId = answer.headers().firstValue("x-request-id").orElseThrow();
        Probe.await("the access log line of " + requestId + " is in the server's log", SHORT, server,
                () -> server.logText().lines().anyMatch(line -> line.contains("request_id=" + requestId)
                        && line.contains("status=200") && line.contains("route=haiku")));
        assertTrue(!server.logText().contains("dist-test-minimax-key"), "no key in the log");
    }

    @Test
    @Order(2)
    void theStatusPageIsServedWithItsFiles() {
        HttpResponse<String> page = Http.get(base, "/");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("status.js") && page.body().contains("status.css"), page.body());
        for (String[] file : new String[][] {{"/status.js", "javascript"}, {"/status.css", "text/css"}}) {
            HttpResponse<String> response = Http.get(base, file[0]);
            assertEquals(200, response.statusCode(), file[0]);
            assertTrue(response.headers().firstValue("content-type").orElse("").contains(file[1]),
                    file[0] + ": " + response.headers());
            assertTrue(!response.body().isBlank(), file[0]);
        }
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
    @Order(2)
    void aRequestLineTheServerRefusesIsAnswered() throws Exception {
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("\u0001\u0002 /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException reset) {
            answer = "";
        }
        if (refusalsBeforeTheWebAppGetTheEnvelope()) {
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\""),
                    "the envelope, not the server's page: " + answer);
        } else if (!answer.isEmpty()) {
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
        }
        assertTrue(!answer.contains("<html") && !answer.contains("Exception"), "no page, no stack trace: " + answer);
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
        distribution.shutdownStartedMarker().ifPresent(marker -> awaitInLog("the shutdown has begun (" + marker + " in the console)", marker));
        Probe.await("new requests are no longer served", SHORT, null,
                () -> distribution.refusesNewRequests(Probe.status(port, "/health")));
        Probe.holds("the server is alive with the stream in flight open for " + HOLD_DURING_SHUTDOWN.toSeconds() + " s",
                HOLD_DURING_SHUTDOWN, () -> server.isAlive() && call.isOpen());

        held.release();
        String transcript = call.awaitEnd(GRACE);
        assertTrue(transcript.contains("SIGTERM"), "the withheld part of the answer arrived:\n" + transcript);
        assertTrue(transcript.contains("event: message_stop"), transcript);
        assertTrue(!transcript.contains("event: error"), transcript);

        int status = server.awaitExit(SHORT);
        assertEquals(distribution.exitStatusAfterSigterm(), status, "exit status after SIGTERM\n" + server.logTail());
    }
}
