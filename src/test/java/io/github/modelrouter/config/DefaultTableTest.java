package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The table shipped in {@code META-INF/microprofile-config.properties}, read through the default
 * MicroProfile sources exactly as the deployment reads it, against the table of SPEC.md.
 */
class DefaultTableTest {

    private static final Map<String, String> KEYS = Map.of(
            "DEEPSEEK_API_KEY", "ds-key", "KIMI_API_KEY", "kimi-key", "MINIMAX_API_KEY", "mm-key");

    /** The default sources (system properties, environment, the classpath file) plus test overrides. */
    private static Config shipped(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDiscoveredSources()
                .addDefaultInterceptors() // profiles and ${...} expansion, as ConfigProvider.getConfig() has them
                .withSources(new PropertiesConfigSource(overrides, "test-overrides", 500))
                .build();
    }

    @Test
    void theShippedTableIsTheSpecTable() {
        RouterConfig config = new RouterConfigLoader(KEYS::get).load(shipped(Map.of()));

        assertEquals(List.of("opus", "sonnet", "haiku"), config.routes().stream().map(RouteConfig::name).toList());
        assertEquals("", config.defaultRoute());
        assertEquals(50, config.maxConcurrent());
        assertEquals(10_485_760L, config.maxBodyBytes());
        assertTrue(config.requireKeys());
        assertEquals(List.of(), config.authTokens());

        RouteConfig opus = config.route("opus").orElseThrow();
        assertRoute(opus, "DeepSeek", "https://api.deepseek.com/anthropic", "deepseek-v4-pro", "DEEPSEEK_API_KEY",
                "ds-key", AuthScheme.X_API_KEY, 300, 15);
        assertEquals(ThinkingPolicy.PLACEHOLDER, opus.thinking());
        assertEquals(ResponseThinking.DROP, opus.responseThinking());
        assertFalse(opus.disableThinking());

        RouteConfig sonnet = config.route("sonnet").orElseThrow();
        assertRoute(sonnet, "Kimi", "https://api.kimi.com/coding", "kimi-for-coding", "KIMI_API_KEY",
                "kimi-key", AuthScheme.X_API_KEY, 1800, 10);
        assertStripAndDisable(sonnet);

        RouteConfig haiku = config.route("haiku").orElseThrow();
        assertRoute(haiku, "MiniMax", "https://api.minimax.io/anthropic", "MiniMax-M2.7", "MINIMAX_API_KEY",
                "mm-key", AuthScheme.BEARER, 180, 10);
        assertStripAndDisable(haiku);

        for (RouteConfig route : config.routes()) {
            assertEquals(List.of(route.name()), route.match());
            assertEquals("/v1/messages", route.targetPath());
            assertEquals(Duration.ofSeconds(120), route.idleTimeout());
            assertEquals(Set.of("cache_control", "reasoning_effort"), route.stripFields());
            assertEquals(BetaHeaderPolicy.FORWARD, route.betaHeader());
            assertEquals(CountTokensMode.FORWARD, route.countTokens());
            assertEquals("", route.fallback());
        }
        assertEquals(URI.create("https://api.deepseek.com/anthropic/v1/messages"), opus.messagesUri());
        assertEquals(URI.create("https://api.minimax.io/anthropic/v1/messages/count_tokens"), haiku.countTokensUri());
    }

    @Test
    void withoutKeysTheShippedTableRefusesToStartNamingEachVariable() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> new RouterConfigLoader(name -> null).load(shipped(Map.of())));
        assertEquals(3, e.problems().size(), e::getMessage);
        assertTrue(e.getMessage().contains("route opus has no API key: set DEEPSEEK_API_KEY or router.route.opus.api-key"));
        assertTrue(e.getMessage().contains("KIMI_API_KEY"));
        assertTrue(e.getMessage().contains("MINIMAX_API_KEY"));
    }

    @Test
    void higherSourcesOverrideSingleKeys() {
        RouterConfig config = new RouterConfigLoader(KEYS::get).load(shipped(pairs(
                "router.route.opus.timeout", "600",
                "router.route.haiku.model-id", "MiniMax-M3")));
        assertEquals(Duration.ofSeconds(600), config.route("opus").orElseThrow().timeout());
        assertEquals(Duration.ofSeconds(15), config.route("opus").orElseThrow().connectTimeout());
        assertEquals("MiniMax-M3", config.route("haiku").orElseThrow().modelId());
    }

    @Test
    void aProfileSelectsAnAlternativeTable() {
        RouterConfig config = new RouterConfigLoader(Map.of("LOCAL_API_KEY", "local-key")::get).load(shipped(pairs(
                "mp.config.profile", "alt",
                "%alt.router.routes", "opus,local",
                "%alt.router.route.opus.upstream", "http://127.0.0.1:18080/deepseek",
                "%alt.router.route.opus.api-key", "inline-key",
                "%alt.router.route.local.match", "re:^claude-",
                "%alt.router.route.local.upstream", "http://127.0.0.1:18081",
                "%alt.router.default-route", "local")));

        assertEquals(List.of("opus", "local"), config.routes().stream().map(RouteConfig::name).toList());
        assertEquals("local", config.defaultRoute());
        RouteConfig opus = config.route("opus").orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:18080/deepseek"), opus.upstream());
        assertEquals("deepseek-v4-pro", opus.modelId(), "keys the profile leaves alone keep the shipped value");
        assertEquals(List.of(new Secret("inline-key")), opus.apiKeys());
        assertEquals(List.of("re:^claude-"), config.route("local").orElseThrow().match());
    }

    private static void assertRoute(RouteConfig route, String label, String upstream, String modelId, String keyEnv,
            String key, AuthScheme auth, int timeoutSeconds, int connectSeconds) {
        assertEquals(label, route.label());
        assertEquals(URI.create(upstream), route.upstream());
        assertEquals(modelId, route.modelId());
        assertEquals(List.of(keyEnv), route.apiKeyEnv());
        assertEquals(List.of(new Secret(key)), route.apiKeys());
        assertEquals(auth, route.auth());
        assertEquals(Duration.ofSeconds(timeoutSeconds), route.timeout());
        assertEquals(Duration.ofSeconds(connectSeconds), route.connectTimeout());
    }

    private static void assertStripAndDisable(RouteConfig route) {
        assertEquals(ThinkingPolicy.STRIP, route.thinking());
        assertTrue(route.disableThinking());
        assertEquals(ResponseThinking.PASS, route.responseThinking());
    }
}
