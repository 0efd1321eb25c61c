package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the loader reads from valid configurations: every default and every key. */
class RouterConfigLoaderTest {

    private static final Map<String, String> NO_ENV = Map.of();

    private static RouterConfig load(Map<String, String> env, String... keysAndValues) {
        return new RouterConfigLoader(env::get).load(config(keysAndValues));
    }

    @Test
    void everyDefaultOfTheSpec() {
        RouterConfig config = load(Map.of("ALPHA_API_KEY", "k-alpha"),
                "router.routes", "alpha",
                "router.route.alpha.upstream", "https://up.example.com/base");

        assertEquals("", config.defaultRoute());
        assertEquals(50, config.maxConcurrent());
        assertEquals(10_485_760L, config.maxBodyBytes());
        assertTrue(config.requireKeys());
        assertEquals(List.of(), config.authTokens());

        RouteConfig route = config.routes().get(0);
        assertEquals("alpha", route.name());
        assertEquals("alpha", route.label());
        assertEquals(List.of("alpha"), route.match());
        assertEquals(URI.create("https://up.example.com/base"), route.upstream());
        assertEquals("/v1/messages", route.targetPath());
        assertEquals("", route.modelId());
        assertEquals(List.of(new Secret("k-alpha")), route.apiKeys());
        assertEquals(List.of("ALPHA_API_KEY"), route.apiKeyEnv());
        assertEquals(AuthScheme.X_API_KEY, route.auth());
        assertEquals(Duration.ofSeconds(300), route.timeout());
        assertEquals(Duration.ofSeconds(10), route.connectTimeout());
        assertEquals(Duration.ofSeconds(120), route.idleTimeout());
        assertEquals(ThinkingPolicy.STRIP, route.thinking());
        assertFalse(route.disableThinking());
        assertEquals(ResponseThinking.PASS, route.responseThinking());
        assertEquals(Set.of("cache_control", "reasoning_effort"), route.stripFields());
        assertEquals(BetaHeaderPolicy.FORWARD, route.betaHeader());
        assertEquals(CountTokensMode.FORWARD, route.countTokens());
        assertEquals("", route.fallback());
        assertEquals(1, route.retries());
        assertEquals(Duration.ofSeconds(60), route.keyCooldown());
        assertEquals(URI.create("https://up.example.com/base/v1/messages"), route.messagesUri());
        assertEquals(URI.create("https://up.example.com/base/v1/messages/count_tokens"), route.countTokensUri());
    }

    @Test
    void routesDefaultToOpusSonnetHaiku() {
        RouterConfig config = load(NO_ENV,
                "router.require-keys", "false",
                "router.route.opus.upstream", "https://a.example",
                "router.route.sonnet.upstream", "https://b.example",
                "router.route.haiku.upstream", "https://c.example");
        assertEquals(List.of("opus", "sonnet", "haiku"), config.routes().stream().map(RouteConfig::name).toList());
    }

    @Test
    void everyKeyIsRead() {
        RouterConfig config = load(Map.of("K1", "key-one", "K2", " key-two "),
                "router.routes", "main, backup",
                "router.default-route", "backup",
                "router.max-concurrent", "7",
                "router.max-body-bytes", "2048",
                "router.require-keys", "FALSE",
                "router.auth.tokens", "tok-1, tok-2,",
                "router.route.main.match", "claude, re:^gpt-\\d+",
                "router.route.main.label", "Main Provider",
                "router.route.main.upstream", "http://127.0.0.1:8080/api/",
                "router.route.main.target-path", "v2/chat/",
                "router.route.main.model-id", "big-model",
                "router.route.main.api-key", "direct-key",
                "router.route.main.api-key-env", "K1,K2,UNSET",
                "router.route.main.auth", "header:X-Custom-Key",
                "router.route.main.timeout", "2.5",
                "router.route.main.connect-timeout", "0.25",
                "router.route.main.idle-timeout", "45",
                "router.route.main.thinking", "Placeholder",
                "router.route.main.disable-thinking", "true",
                "router.route.main.response-thinking", "drop",
                "router.route.main.strip-fields", "cache_control, metadata",
                "router.route.main.beta-header", "allow:interleaved-thinking-2025-05-14, context-1m",
                "router.route.main.count-tokens", "estimate",
                "router.route.main.fallback", "backup",
                "router.route.main.retries", "0",
                "router.route.main.key-cooldown", "5",
                "router.route.backup.upstream", "https://backup.example.com");

        assertEquals("backup", config.defaultRoute());
        assertEquals(7, config.maxConcurrent());
        assertEquals(2048L, config.maxBodyBytes());
        assertFalse(config.requireKeys());
        assertEquals(List.of(new Secret("tok-1"), new Secret("tok-2")), config.authTokens());

        RouteConfig main = config.route("main").orElseThrow();
        assertEquals(List.of("claude", "re:^gpt-\\d+"), main.match());
        assertEquals("Main Provider", main.label());
        assertEquals(URI.create("http://127.0.0.1:8080/api"), main.upstream());
        assertEquals("/v2/chat", main.targetPath());
        assertEquals("big-model", main.modelId());
        assertEquals(List.of(new Secret("direct-key"), new Secret("key-one"), new Secret("key-two")), main.apiKeys());
        assertEquals(List.of("K1", "K2", "UNSET"), main.apiKeyEnv());
        assertEquals(new AuthScheme("x-custom-key", false), main.auth());
        assertEquals(Duration.ofMillis(2500), main.timeout());
        assertEquals(Duration.ofMillis(250), main.connectTimeout());
        assertEquals(Duration.ofSeconds(45), main.idleTimeout());
        assertEquals(ThinkingPolicy.PLACEHOLDER, main.thinking());
        assertTrue(main.disableThinking());
        assertEquals(ResponseThinking.DROP, main.responseThinking());
        assertEquals(Set.of("cache_control", "metadata"), main.stripFields());
        assertEquals(BetaHeaderPolicy.Mode.ALLOW, main.betaHeader().mode());
        assertEquals(Set.of("interleaved-thinking-2025-05-14", "context-1m"), main.betaHeader().allowed());
        assertEquals(CountTokensMode.ESTIMATE, main.countTokens());
        assertEquals("backup", main.fallback());
        assertEquals(0, main.retries());
        assertEquals(Duration.ofSeconds(5), main.keyCooldown());

        RouteConfig backup = config.route("backup").orElseThrow();
        assertFalse(backup.hasKey(), "require-keys=false lets a route start without a key");
        assertEquals(List.of("BACKUP_API_KEY"), backup.apiKeyEnv());
    }

    @Test
    void formatOpenAiDefaultsToTheChatCompletionsPathAndBearerUnlessSet() {
        RouterConfig config = load(Map.of("O_API_KEY", "k", "P_API_KEY", "k", "A_API_KEY", "k"),
                "router.routes", "o,p,a",
                "router.route.o.upstream", "https://api.openai.com",
                "router.route.o.format", "OpenAI",
                "router.route.p.upstream", "http://127.0.0.1:11434",
                "router.route.p.format", "openai",
                "router.route.p.target-path", "/api/v1/chat/completions",
                "router.route.p.auth", "header:api-key",
                "router.route.a.upstream", "https://a.example");
        RouteConfig openAi = config.routes().get(0);
        assertEquals(UpstreamFormat.OPENAI, openAi.format());
        assertEquals("/v1/chat/completions", openAi.targetPath());
        assertEquals(AuthScheme.BEARER, openAi.auth());
        assertEquals("https://api.openai.com/v1/chat/completions", openAi.messagesUri().toString());
        RouteConfig set = config.routes().get(1);
        assertEquals("/api/v1/chat/completions", set.targetPath());
        assertEquals("api-key", set.auth().headerName());
        RouteConfig anthropic = config.routes().get(2);
        assertEquals(UpstreamFormat.ANTHROPIC, anthropic.format());
        assertEquals("/v1/messages", anthropic.targetPath());
        assertEquals(AuthScheme.X_API_KEY, anthropic.auth());
    }

    @Test
    void bearerAuthAndOtherChoices() {
        RouterConfig config = load(Map.of("R_API_KEY", "k"),
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.auth", "Bearer",
                "router.route.r.thinking", "preserve",
                "router.route.r.beta-header", "drop",
                "router.route.r.count-tokens", "forward");
        RouteConfig route = config.routes().get(0);
        assertEquals(AuthScheme.BEARER, route.auth());
        assertEquals(ThinkingPolicy.PRESERVE, route.thinking());
        assertEquals(BetaHeaderPolicy.DROP, route.betaHeader());
        assertEquals(CountTokensMode.FORWARD, route.countTokens());
    }

    @Test
    void defaultKeyVariableUpperCasesTheNameAndReplacesOtherCharacters() {
        RouterConfig config = load(Map.of("MY_ROUTE_2_API_KEY", "k"),
                "router.routes", "my-route_2",
                "router.route.my-route_2.upstream", "https://x.example");
        assertEquals(List.of("MY_ROUTE_2_API_KEY"), config.routes().get(0).apiKeyEnv());
        assertTrue(config.routes().get(0).hasKey());
    }

    @Test
    void blankAndDuplicateKeysAreSkipped() {
        RouterConfig config = load(Map.of("A", "   ", "B", "same", "C", "same"),
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.api-key-env", "A,B,C");
        assertEquals(List.of(new Secret("same")), config.routes().get(0).apiKeys());
    }

    @Test
    void noneMeansAnEmptyList() {
        RouterConfig config = load(Map.of("R_API_KEY", "k"),
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.match", "none",
                "router.route.r.strip-fields", "NONE");
        assertEquals(List.of(), config.routes().get(0).match());
        assertEquals(Set.of(), config.routes().get(0).stripFields());
    }

    @Test
    void regexMayHoldAnEscapedComma() {
        RouterConfig config = load(Map.of("R_API_KEY", "k"),
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.match", "re:^a{1\\,3}$,b");
        assertEquals(List.of("re:^a{1,3}$", "b"), config.routes().get(0).match());
    }

    @Test
    void emptyRouteListValueMeansTheDefault() {
        // an empty value counts as unset in MicroProfile Config, which restores the default three routes
        RouterConfig config = load(NO_ENV,
                "router.routes", "",
                "router.require-keys", "false",
                "router.route.opus.upstream", "https://a.example",
                "router.route.sonnet.upstream", "https://b.example",
                "router.route.haiku.upstream", "https://c.example");
        assertEquals(3, config.routes().size());
    }

    @Test
    void unknownRouteKeysAreReportedForWarnings() {
        var mpConfig = config(
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.timout", "600",
                "router.route.other.whatever", "x",
                "router.shutdown-grace", "30");
        assertEquals(List.of("router.route.r.timout"), RouterConfigLoader.unknownKeys(mpConfig, List.of("r")));
    }

    @Test
    void environmentSpellingsOfKnownKeysAreNotReportedAsUnknown() {
        // ROUTER_ROUTE_R_MODEL_ID is also listed as router.route.r.model.id by MicroProfile Config
        var mpConfig = config(
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.route.r.model.id", "m",
                "router.route.r.api.key.env", "K",
                "router.route.r.model.idx", "m");
        assertEquals(List.of("router.route.r.model.idx"), RouterConfigLoader.unknownKeys(mpConfig, List.of("r")));
    }

    @Test
    void openPortPolicyIsReadWithItsDefaults() {
        RouterConfig defaults = load(Map.of("R_API_KEY", "k"), "router.routes", "r", "router.route.r.upstream", "https://x.example");
        assertEquals(OpenPortPolicy.DEFAULT, defaults.openPort());
        RouterConfig set = load(Map.of("R_API_KEY", "k"), "router.routes", "r", "router.route.r.upstream", "https://x.example",
                "router.allowed-origins", "https://App.Example:8443/, *", "router.allowed-hosts", "Router.Internal",
                "router.body-timeout", "2.5");
        assertEquals(List.of("https://app.example:8443", "*"), set.openPort().allowedOrigins());
        assertEquals(List.of("router.internal"), set.openPort().allowedHosts());
        assertEquals(java.time.Duration.ofMillis(2500), set.openPort().bodyTimeout());
    }

    @Test
    void secretsNeverShowInToString() {
        RouterConfig config = load(Map.of("R_API_KEY", "sk-very-secret"),
                "router.routes", "r",
                "router.route.r.upstream", "https://x.example",
                "router.auth.tokens", "client-token-secret");
        String text = config.toString();
        assertFalse(text.contains("sk-very-secret"), text);
        assertFalse(text.contains("client-token-secret"), text);
        assertTrue(text.contains("****"), text);
    }
}
