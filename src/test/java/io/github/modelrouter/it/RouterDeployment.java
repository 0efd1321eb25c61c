package io.github.modelrouter.it;

import java.io.File;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the archive an integration test deploys: the WAR that {@code mvn package} built (the real
 * artifact, not a re-assembly), plus a small jar whose {@code META-INF/microprofile-config.properties}
 * (ordinal 500, above system properties and the environment) points the routes at the test's fake
 * upstream. Each test class thus gets its own configuration without touching global state.
 */
public final class RouterDeployment {

    private RouterDeployment() {
    }

    /** The built WAR with {@code properties} as its highest-ordinal configuration source. */
    public static WebArchive war(RouteProperties properties) {
        return war("model-router.war", properties);
    }

    /**
     * The same under another archive name, for a test class that deploys several routers at once
     * (each name is its own context path on Tomcat).
     */
    public static WebArchive war(String archiveName, RouteProperties properties) {
        File built = new File(System.getProperty("router.test.war", "target/model-router.war"));
        if (!built.isFile()) {
            throw new IllegalStateException(built + " is missing: integration tests run after `mvn package`");
        }
        WebArchive war = ShrinkWrap.create(ZipImporter.class, archiveName).importFrom(built).as(WebArchive.class);
        String text = "config_ordinal=500\n" + properties.asMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\")).collect(Collectors.joining("\n")) + "\n";
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "router-test-config.jar")
                .addAsManifestResource(new StringAsset(text), "microprofile-config.properties");
        return war.addAsLibrary(config);
    }

    /** A port nothing listens on (taken free, then released), for refused connections. */
    public static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
