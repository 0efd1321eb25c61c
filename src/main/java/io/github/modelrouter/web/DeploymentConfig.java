package io.github.modelrouter.web;

import io.github.modelrouter.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The MicroProfile Config of one deployment: system properties, environment variables, the
 * operator file named by {@code ROUTER_CONFIG_FILE} (or {@code -Drouter.config-file}) and the WAR's
 * {@code META-INF/microprofile-config.properties}, with profiles and {@code ${...}} expansion.
 *
 * <p>On a plain servlet container (Jetty, Tomcat, Payara) nobody has a Config for the webapp's
 * class loader yet, so the one built here is registered for it, and released by {@link #close()}.
 * An application server with a MicroProfile Config subsystem (WildFly) registers its own for the
 * deployment before any listener runs, and refuses a second one ({@code SRCFG00017}); then the
 * server owns that Config and this one is built from its sources (which include the server's own,
 * such as config sources declared in {@code standalone.xml}) plus the operator file, and is not
 * registered: the server releases its Config at undeployment.
 */
final class DeploymentConfig implements AutoCloseable {

    /** Operator file with a higher priority than the WAR's defaults: system property or environment. */
    static final String CONFIG_FILE_PROPERTY = "router.config-file";
    static final String CONFIG_FILE_ENV = "ROUTER_CONFIG_FILE";
    /** Ordinal of the operator file: above the WAR's defaults (100), below env (300) and system properties (400). */
    static final int CONFIG_FILE_ORDINAL = 250;

    private static final Logger LOG = System.getLogger(DeploymentConfig.class.getName());

    private final SmallRyeConfig config;
    private final boolean registered;

    private DeploymentConfig(SmallRyeConfig config, boolean registered) {
        this.config = config;
        this.registered = registered;
    }

    /**
     * The deployment's configuration, for the webapp's {@code classLoader}.
     *
     * @param environment looks an environment variable up ({@code System::getenv} in production)
     * @throws ConfigValidationException when the operator file is named but cannot be read
     */
    static DeploymentConfig open(ClassLoader classLoader, Function<String, String> environment) {
        Optional<ConfigSource> operatorFile = operatorFile(environment);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        SmallRyeConfig own = builder(classLoader, operatorFile).addDefaultSources().addDiscoveredSources().build();
        try {
            resolver.registerConfig(own, classLoader);
            return new DeploymentConfig(own, true);
        } catch (IllegalStateException alreadyRegistered) {
            Config server = resolver.getConfig(classLoader);
            List<ConfigSource> serverSources = StreamSupport.stream(server.getConfigSources().spliterator(), false).toList();
            SmallRyeConfig config = builder(classLoader, operatorFile).withSources(serverSources).build();
            LOG.log(Level.INFO, "Using the server's MicroProfile Config for this deployment, sources: "
                    + StreamSupport.stream(config.getConfigSources().spliterator(), false)
                            .map(source -> source.getName() + " (" + source.getOrdinal() + ")")
                            .collect(Collectors.joining(", ")));
            return new DeploymentConfig(config, false);
        }
    }

    private static SmallRyeConfigBuilder builder(ClassLoader classLoader, Optional<ConfigSource> operatorFile) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().forClassLoader(classLoader).addDefaultInterceptors();
        operatorFile.ifPresent(builder::withSources);
        return builder;
    }

    private static Optional<ConfigSource> operatorFile(Function<String, String> environment) {
        String file = System.getProperty(CONFIG_FILE_PROPERTY, environment.apply(CONFIG_FILE_ENV));
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(file.trim());
        if (!Files.isReadable(path)) {
            throw new ConfigValidationException(List.of(
                    CONFIG_FILE_ENV + " / " + CONFIG_FILE_PROPERTY + " names " + path + ", which is not a readable file"));
        }
        try {
            return Optional.of(new PropertiesConfigSource(path.toUri().toURL(), CONFIG_FILE_ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The configuration to read. */
    SmallRyeConfig config() {
        return config;
    }

    /** Releases the Config when this deployment registered it; the server's own is the server's to release. */
    @Override
    public void close() {
        if (registered) {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
