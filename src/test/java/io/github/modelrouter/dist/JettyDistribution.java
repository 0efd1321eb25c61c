package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Jetty 12.1 distribution as src/site/RUNNING.md runs it: {@code java -jar
 * $JETTY_HOME/start.jar jetty.base=jetty-base jetty.http.port=$PROXY_PORT}, with the repository's
 * {@code jetty-base/} unchanged and the WAR named by the {@code model-router.war} property of its
 * context XML.
 */
final class JettyDistribution implements Distribution {

    private final Path jettyHome;
    private final Path jettyBase;
    private final Path war;

    JettyDistribution(Path jettyHome, Path jettyBase, Path war) {
        this.jettyHome = jettyHome;
        this.jettyBase = jettyBase;
        this.war = war;
    }

    @Override
    public String name() {
        return jettyHome.getFileName().toString();
    }

    @Override
    public ChildProcess start(int port, Map<String, String> environment, Path workDirectory) throws IOException {
        Path tmp = Files.createDirectories(workDirectory.resolve("tmp"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Jetty unpacks the WAR under java.io.tmpdir: keep it inside target/
                "-Djava.io.tmpdir=" + tmp,
                "-jar", jettyHome.resolve("start.jar").toString(),
                "jetty.base=" + jettyBase,
                "jetty.http.port=" + port,
                "model-router.war=" + war);
        return ChildProcess.start(name(), command, environment, workDirectory);
    }

    @Override
    public String shutdownStartedMarker() {
        // logged by Jetty's shutdown hook as the graceful stop begins
        return "JettyShutdownThread";
    }
}
