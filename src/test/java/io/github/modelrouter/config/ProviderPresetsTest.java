package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static io.github.modelrouter.config.TestConfigs.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code router.route.<r>.provider}: what each preset sets, that explicit keys win, and the shipped routes. */
class ProviderPresetsTest {

    private static final Map<String, String> ENV = Map.of("P_API_KEY", "k", "DEEPSEEK_API_KEY", "k", "KIMI_API_KEY", "k",
            "MINIMAX_API_KEY", "k");

    private static RouteConfig route(String... keys) {
        Map<String, String> properties = new HashMap<>(pairs("router.routes", "p"));
        properties.putAll(pairs(keys));
        return new RouterConfigLoader(ENV::get).load(config(properties)).routes().get(0);
    }

    @Test
    void deepSeekPlacesAPlaceholderDropsThinkingAndCapsToolsWithoutAnUpstreamKey() {
        RouteConfig route = route("router.route.p.provider", "deepseek");
        assertEquals("https://api.deepseek.com/anthropic/v1/messages", route.messagesUri().toString());
        assertEquals("DeepSeek", route.label());
        assertEquals(ThinkingPolicy.PLACEHOLDER, route.thinking());
        assertEquals(ResponseThinking.DROP, route.responseThinking());
        assertFalse(route.disableThinking());
        assertEquals(128, route.tools().maxTools());
        assertTrue(route.tools().drops("code_execution_20250825"));
        assertFalse(route.tools().drops("web_search_20250305"), "DeepSeek serves web search");
        assertFalse(route.tools().drops(null), "custom tools have no type");
    }

    @Test
    void kimiStripsAndDisablesThinking() {
        RouteConfig route = route("router.route.p.provider", "KIMI");
        assertEquals("https://api.kimi.com/coding/v1/messages", route.messagesUri().toString());
        assertEquals(ThinkingPolicy.STRIP, route.thinking());
        assertTrue(route.disableThinking());
        assertEquals(128, route.tools().maxTools());
    }

    @Test
    void miniMaxPreservesTheHistoryAndTakesABearerKey() {
        RouteConfig route = route("router.route.p.provider", "minimax");
        assertEquals(ThinkingPolicy.PRESERVE, route.thinking());
        assertFalse(route.disableThinking());
        assertTrue(route.auth().bearer());
        assertEquals(0, route.tools().maxTools(), "no documented limit");
    }

    @Test
    void explicitKeysOverrideThePreset() {
        RouteConfig route = route("router.route.p.provider", "deepseek", "router.route.p.upstream", "http://127.0.0.1:1/x",
                "router.route.p.thinking", "strip", "router.route.p.response-thinking", "pass", "router.route.p.label", "Mine",
                "router.route.p.max-tools", "0", "router.route.p.drop-tool-types", "none", "router.route.p.auth", "bearer");
        assertEquals("http://127.0.0.1:1/x/v1/messages", route.messagesUri().toString());
        assertEquals(ThinkingPolicy.STRIP, route.thinking());
        assertEquals(ResponseThinking.PASS, route.responseThinking());
        assertEquals("Mine", route.label());
        assertTrue(route.tools().keepsAll());
        assertTrue(route.auth().bearer());
    }

    @Test
    void toolKeysWorkWithoutAPreset() {
        RouteConfig route = route("router.route.p.upstream", "https://p.example", "router.route.p.max-tools", "2",
                "router.route.p.drop-tool-types", "bash,web_search");
        assertEquals(new ToolPolicy(2, Set.of("bash", "web_search")), route.tools());
        assertTrue(route(("router.route.p.upstream"), "https://p.example").tools().keepsAll(), "the default keeps every tool");
    }

    @Test
    void anUnknownProviderIsNamedWithTheChoices() {
        String message = assertThrows(ConfigValidationException.class,
                () -> route("router.route.p.provider", "openai-ish", "router.route.p.max-tools", "-1")).getMessage();
        assertTrue(message.contains("router.route.p.provider = \"openai-ish\": expected one of deepseek, kimi, minimax"), message);
        assertTrue(message.contains("router.route.p.max-tools = \"-1\""), message);
    }

    @Test
    void theShippedRoutesUseTheirPresetsAndKeepTheDocumentedThinkingTable() {
        RouterConfig config = new RouterConfigLoader(ENV::get).load(config(shipped()));
        RouteConfig opus = config.route("opus").orElseThrow();
        RouteConfig sonnet = config.route("sonnet").orElseThrow();
        RouteConfig haiku = config.route("haiku").orElseThrow();
        assertEquals(ThinkingPolicy.PLACEHOLDER, opus.thinking());
        assertEquals(ResponseThinking.DROP, opus.responseThinking());
        assertFalse(opus.disableThinking());
        for (RouteConfig stripped : new RouteConfig[] {sonnet, haiku}) {
            assertEquals(ThinkingPolicy.STRIP, stripped.thinking(), stripped.name());
            assertTrue(stripped.disableThinking(), stripped.name());
            assertEquals(ResponseThinking.PASS, stripped.responseThinking(), stripped.name());
        }
        assertEquals(128, opus.tools().maxTools());
        assertEquals(128, sonnet.tools().maxTools());
        assertTrue(haiku.tools().drops("bash_20250124"));
        assertEquals(Set.of("cache_control", "reasoning_effort"), haiku.stripFields());
        assertEquals(java.util.List.of("claude-opus"), opus.advertise());
    }

    static Map<String, String> shipped() {
        try (InputStream in = ProviderPresetsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> map = new HashMap<>();
            properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                    .forEach(k -> map.put(k, properties.getProperty(k)));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
