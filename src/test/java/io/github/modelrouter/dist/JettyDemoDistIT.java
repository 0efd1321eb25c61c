package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.Http;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The keyless demo as src/site/RUNNING.md runs it: the Jetty distribution with
 * {@code MP_CONFIG_PROFILE=demo} and {@code PROXY_PORT}, and nothing else: no key, no upstream.
 * Every route reaches the demo upstream served by the same WAR over HTTP, at the address the
 * demo profile computes from PROXY_PORT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JettyDemoDistIT {

    private ChildProcess server;
    private URL base;

    @BeforeAll
    void startDemo() throws Exception {
        Distribution jetty = new JettyDistribution(
                DistSettings.distribution("router.dist.jetty.home", "dist-smoke"),
                DistSettings.distribution("router.dist.jetty.base", "dist-smoke"),
                DistSettings.war());
        int port = DistSettings.freePort();
        Map<String, String> env = RouterEnvironment.clean();
        env.put("MP_CONFIG_PROFILE", "demo");
        env.put("PROXY_PORT", Integer.toString(port));
        server = jetty.start(port, env, DistSettings.workDirectory("jetty-demo"));
        base = new URL("http://127.0.0.1:" + port);
        Probe.await("GET /health answers 200", Duration.ofSeconds(90), server, () -> Probe.status(port, "/health") == 200);
    }

    @AfterAll
    void stopDemo() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void opusAnswersJsonThroughTheDemoWithoutItsThinking() {
        HttpResponse<String> answer = Http.send(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", false)));

        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Model Router demo: served by route opus as deepseek-v4-pro."), answer.body());
        assertFalse(answer.body().contains("\"thinking\""), "opus drops response thinking: " + answer.body());
    }

    @Test
    void sonnetStreamsThroughTheDemoWithItsThinking() throws Exception {
        SseCall call = SseCall.start(base.getPort(), Http.body("claude-sonnet-4-5", true));
        String transcript = call.awaitEnd(Duration.ofSeconds(20));

        assertEquals(200, call.status(), transcript);
        assertTrue(transcript.contains("thinking_delta"), "sonnet passes response thinking:\n" + transcript);
        assertTrue(transcript.contains("kimi-for-coding"), transcript);
        assertTrue(transcript.contains("event: message_stop"), transcript);
    }
}
