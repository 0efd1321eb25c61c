package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.modelrouter.it.FakeUpstream;
import io.github.modelrouter.it.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mvn jetty:run}, as the README tells developers to run the router, drains like the Jetty
 * base and Tomcat: with a stream in flight, SIGTERM (kill, systemd) or SIGINT (Ctrl-C in a
 * terminal) to Maven's JVM closes the port at once, the client still gets the rest of its stream
 * up to {@code message_stop}, and then Maven exits with 128 + the signal.
 *
 * <p>The child is the Maven that runs this build ({@code ${maven.home}/bin/mvn}, which
 * {@code exec}s its JVM), offline and with the same local repository: the {@code dist-smoke}
 * profile resolves the Jetty plugin and its dependencies before the integration tests, so a fresh
 * machine needs nothing else. It reuses the classes this build compiled ({@code maven.main.skip},
 * {@code maven.test.skip}, {@code maven.resources.skip}), so it never writes into {@code target/}
 * under the running build. About 20 s per signal on an idle machine, most of it Maven's and
 * Jetty's start-up.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JettyRunDrainIT {

    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(30);

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalToMvnJettyRunLetsTheStreamInFlightFinishThenExits(String signal) throws Exception {
        String mavenHome = System.getProperty("router.dist.maven.home");
        assumeTrue(mavenHome != null && Files.isDirectory(Path.of(mavenHome)),
                "router.dist.maven.home is not set: run `mvn verify` with the dist-smoke profile");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        Path basedir = Path.of(System.getProperty("router.dist.project.basedir", "")).toAbsolutePath();
        DistSettings.war(); // the build got as far as the package phase: classes and resources are there

        int port = DistSettings.freePort();
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o",
                "-f", basedir.resolve("pom.xml").toString(),
                "-Dmaven.main.skip=true", "-Dmaven.test.skip=true", "-Dmaven.resources.skip=true"));
        String repository = System.getProperty("router.dist.maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.add("jetty:run");

        try (FakeUpstream upstream = FakeUpstream.start()) {
            Map<String, String> environment = RouterEnvironment.routedTo(upstream);
            environment.put("PROXY_PORT", Integer.toString(port));
            try (ChildProcess server = ChildProcess.start("mvn-jetty-run", command, environment,
                    DistSettings.workDirectory("mvn-jetty-run"))) {
                Probe.await("GET /health answers 200 on port " + port, STARTUP, server,
                        () -> Probe.status(port, "/health") == 200);
                assertTrue(server.logText().contains("jetty-run-graceful.xml"),
                        "the plugin applied src/main/jetty/jetty-run-graceful.xml\n" + server.logTail());

                HeldStream held = new HeldStream();
                upstream.on("deepseek", held);
                try {
                    SseCall call = SseCall.start(port, Http.body("claude-opus-4-5", true));
                    call.awaitLine("text_delta", SHORT);

                    send(signal, server.jvm());
                    Probe.await("new connections are no longer served", SHORT, null, () -> Probe.status(port, "/health") == -1);
                    assertTrue(server.isAlive(), "mvn jetty:run must wait for the stream in flight after SIG" + signal
                            + "\n" + server.logTail());

                    held.release();
                    String transcript;
                    try {
                        transcript = call.awaitEnd(GRACE);
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + "\n" + server.logTail(), e);
                    }
                    assertEquals(200, call.status(), transcript);
                    assertTrue(transcript.contains("SIGTERM"), "the withheld part of the answer arrived:\n" + transcript);
                    assertTrue(transcript.contains("event: message_stop"), transcript);
                    assertTrue(!transcript.contains("event: error"), transcript);
                } finally {
                    held.release();
                }

                int status = server.awaitExit(SHORT);
                assertEquals(128 + (signal.equals("TERM") ? 15 : 2), status,
                        "exit status of mvn jetty:run after SIG" + signal + "\n" + server.logTail());
            }
        }
    }

    /** SIGTERM through the JDK (what {@link Process#destroy()} sends); SIGINT, which it cannot send, with kill(1). */
    private static void send(String signal, ProcessHandle jvm) throws IOException, InterruptedException {
        if (signal.equals("TERM")) {
            assertTrue(jvm.destroy(), "SIGTERM sent to Maven's JVM " + jvm.pid());
            return;
        }
        // a JVM started with SIGINT ignored (a child of a non-interactive shell's `cmd &`) keeps
        // it ignored and installs no handler: nothing the router or the pom can change
        assumeTrue(!ignores(jvm, 2), "SIGINT is ignored by Maven's JVM (inherited from this build's parent)");
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(jvm.pid())).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + signal + ": " + output);
    }

    /** Whether {@code process} ignores signal {@code number} (Linux /proc; false where there is none). */
    private static boolean ignores(ProcessHandle process, int number) throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << (number - 1))) != 0);
    }
}
