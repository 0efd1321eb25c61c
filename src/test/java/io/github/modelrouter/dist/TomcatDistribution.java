package io.github.modelrouter.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Tomcat distribution (10.1 or 11) as an operator runs it: an untouched CATALINA_HOME, and a
 * fresh CATALINA_BASE with the distribution's {@code conf/}, the test {@code server.xml}
 * (127.0.0.1, port from {@code -Drouter.http.port}, no shutdown port) and the WAR as
 * {@code webapps/ROOT.war}, started in the foreground with {@code bin/catalina.sh run} (which
 * {@code exec}s the JVM, so SIGTERM reaches Tomcat's shutdown hook).
 */
final class TomcatDistribution implements Distribution {

    private final Path catalinaHome;
    private final Path war;

    TomcatDistribution(Path catalinaHome, Path war) {
        this.catalinaHome = catalinaHome;
        this.war = war;
    }

    @Override
    public String name() {
        return catalinaHome.getFileName().toString();
    }

    @Override
    public ChildProcess start(int port, Map<String, String> environment, Path workDirectory) throws IOException {
        Path base = createBase(workDirectory.resolve("catalina-base"));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("CATALINA_HOME", catalinaHome.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_OPTS", "-Drouter.http.port=" + port);
        List<String> command = List.of(catalinaHome.resolve("bin/catalina.sh").toString(), "run");
        return ChildProcess.start(name(), command, env, workDirectory);
    }

    private Path createBase(Path base) throws IOException {
        for (String dir : List.of("conf", "webapps", "logs", "temp", "work")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(catalinaHome.resolve("conf"))) {
            conf.filter(Files::isRegularFile).forEach(file -> copy(file, base.resolve("conf").resolve(file.getFileName())));
        }
        try (InputStream serverXml = TomcatDistribution.class.getResourceAsStream("/dist/tomcat/server.xml")) {
            Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        copy(war, base.resolve("webapps/ROOT.war"));
        return base;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> shutdownStartedMarker() {
        // logged by Tomcat's shutdown hook when it stops accepting (the connector is paused)
        return Optional.of("Pausing ProtocolHandler");
    }
}
