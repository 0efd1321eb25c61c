package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the distribution smoke tests find their inputs. The {@code dist-smoke} profile (on by
 * default) and {@code tomcat11-dist} unpack the distributions from Maven Central and pass their
 * paths as system properties; a test whose distribution is not there is skipped, not failed.
 */
final class DistSettings {

    private DistSettings() {
    }

    /** The unpacked distribution named by {@code property}; skips the test when absent. */
    static Path distribution(String property, String profile) {
        String value = System.getProperty(property);
        assumeTrue(value != null && Files.isDirectory(Path.of(value)),
                property + " is not set to an unpacked distribution: run `mvn verify` with the " + profile + " profile");
        return Path.of(value);
    }

    /** The WAR built by {@code mvn package}. */
    static Path war() {
        Path war = Path.of(System.getProperty("router.test.war", "target/model-router.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: distribution tests run after `mvn package`");
        }
        return war.toAbsolutePath();
    }

    /** A directory of its own for one run of a distribution. */
    static Path workDirectory(String name) {
        Path root = Path.of(System.getProperty("router.dist.work", "target/dist-work"));
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
