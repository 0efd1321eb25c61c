package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.FakeUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A configuration error fails the deployment on a real server, with the router's message (every
 * problem, no key) in the server's log: here a route without its key and a negative timeout. Jetty
 * then exits non-zero; application servers keep running without the router, so {@code /health}
 * is not served by it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class DistributionConfigErrorTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final FakeUpstream upstream = FakeUpstream.start();
    private ChildProcess server;

    /** The distribution under test; may skip the class (an assumption) when it is not unpacked. */
    abstract Distribution distribution();

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

    @Test
    void aConfigurationErrorFailsTheDeploymentWithItsMessageInTheLog() throws Exception {
        Distribution distribution = distribution();
        int port = DistSettings.freePort();
        Map<String, String> env = RouterEnvironment.routedTo(upstream);
        env.remove("MINIMAX_API_KEY");
        env.put("ROUTER_ROUTE_OPUS_TIMEOUT", "-5");
        Path work = DistSettings.workDirectory(distribution.name() + "-config-error");
        server = distribution.start(port, env, work);

        Probe.await("the router's configuration error is in the server's log", STARTUP, null,
                () -> server.logText().contains("MINIMAX_API_KEY") && server.logText().contains("router.route.opus.timeout"));
        if (distribution.exitsOnDeploymentFailure()) {
            int status = server.awaitExit(Duration.ofSeconds(30));
            assertNotEquals(0, status, "the server stops with a failure status\n" + server.logTail());
        } else {
            // the deployment has failed for good: the server runs on, without the router
            assertTrue(server.isAlive(), server.logTail());
            int health = Probe.status(port, "/health");
            assertTrue(health != 200, "no router behind /health: " + health);
        }
        assertTrue(!server.logText().contains("dist-test-deepseek-key"), "no key in the log");
    }
}
