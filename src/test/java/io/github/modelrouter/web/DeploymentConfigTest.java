package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's Config on a plain container (nobody registered one: ours is registered and
 * released) and on an application server that registered its own first (WildFly: its sources are
 * used, plus the operator file, and nothing is registered or released by us).
 */
class DeploymentConfigTest {

    private final ConfigProviderResolver resolver = ConfigProviderResolver.instance();

    @Test
    void onAPlainContainerItsOwnConfigIsRegisteredThenReleased(@TempDir Path dir) throws IOException {
        ClassLoader webapp = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Path file = operatorFile(dir, "router.route.opus.model-id=from-the-operator-file");
        try (DeploymentConfig config = DeploymentConfig.open(webapp, env(file))) {
            assertSame(config.config(), resolver.getConfig(webapp));
            assertEquals("from-the-operator-file", config.config().getRawValue("router.route.opus.model-id"));
        }
        // released: the resolver builds a fresh one for the class loader, with the WAR's defaults only
        SmallRyeConfig fresh = (SmallRyeConfig) resolver.getConfig(webapp);
        assertEquals("deepseek-v4-pro", fresh.getRawValue("router.route.opus.model-id"));
        resolver.releaseConfig(fresh);
    }

    @Test
    void whenTheServerRegisteredAConfigItsSourcesArePlusTheOperatorFile(@TempDir Path dir) throws IOException {
        ClassLoader webapp = new URLClassLoader(new URL[0], getClass().getClassLoader());
        SmallRyeConfig server = new SmallRyeConfigBuilder().forClassLoader(webapp)
                .withSources(new PropertiesConfigSource(Map.of(
                        "router.route.sonnet.label", "from-a-server-source",
                        "router.route.haiku.model-id", "server-below-the-file"), "server-source", 200))
                .build();
        resolver.registerConfig(server, webapp);
        try {
            Path file = operatorFile(dir, "router.route.haiku.model-id=file-above-ordinal-200\n"
                    + "%dist.router.route.opus.model-id=profile-from-the-file\nmp.config.profile=dist");
            try (DeploymentConfig config = DeploymentConfig.open(webapp, env(file))) {
                SmallRyeConfig read = config.config();
                assertEquals("from-a-server-source", read.getRawValue("router.route.sonnet.label"));
                // the operator file ranks 250, above this server source's 200
                assertEquals("server-below-the-file", server.getRawValue("router.route.haiku.model-id"));
                assertEquals("file-above-ordinal-200", read.getRawValue("router.route.haiku.model-id"));
                assertEquals("profile-from-the-file", read.getValue("router.route.opus.model-id", String.class));
            }
            // not ours to release: the server's stays registered
            assertSame(server, resolver.getConfig(webapp));
        } finally {
            resolver.releaseConfig(server);
        }
    }

    @Test
    void anUnreadableOperatorFileIsAConfigurationError(@TempDir Path dir) {
        ClassLoader webapp = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ConfigValidationException error = assertThrows(ConfigValidationException.class,
                () -> DeploymentConfig.open(webapp, env(dir.resolve("missing.properties"))));
        assertTrue(error.getMessage().contains("ROUTER_CONFIG_FILE"), error.getMessage());
    }

    private static Path operatorFile(Path dir, String content) throws IOException {
        return Files.writeString(dir.resolve("router.properties"), content);
    }

    private static java.util.function.Function<String, String> env(Path operatorFile) {
        return name -> DeploymentConfig.CONFIG_FILE_ENV.equals(name) ? operatorFile.toString() : null;
    }
}
