package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jetty 12.1 distribution installed as {@code jetty-base/bin/model-router.service} says: the
 * repository's {@code jetty-base/} copied out of the checkout (to {@code <work>/opt/model-router/jetty-base}),
 * the WAR copied into its {@code webapps/}, and the unit's command, {@code java -jar
 * $JETTY_HOME/start.jar jetty.base=<copy> jetty.http.port=$PROXY_PORT}, run from
 * {@code <work>/opt/model-router}. Nothing of the checkout is reachable from the copy, so a base that
 * still looked for {@code ../target/model-router.war} would fail here.
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
        Path installation = workDirectory.resolve("opt/model-router");
        Path base = Install.copyTree(jettyBase, installation.resolve("jetty-base"));
        Install.copy(war, base.resolve("webapps/model-router.war"));
        Path tmp = Files.createDirectories(workDirectory.resolve("tmp"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Jetty unpacks the WAR under java.io.tmpdir (the unit's PrivateTmp): keep it inside target/
                "-Djava.io.tmpdir=" + tmp,
                "-jar", jettyHome.resolve("start.jar").toString(),
                "jetty.base=" + base,
                "jetty.http.port=" + port);
        return ChildProcess.start(name(), command, environment, installation);
    }

    @Override
    public Optional<String> shutdownStartedMarker() {
        // logged by Jetty's shutdown hook as the graceful stop begins
        return Optional.of("JettyShutdownThread");
    }

    @Override
    public boolean exitsOnDeploymentFailure() {
        return true;
    }
}
