package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.AuthScheme;
import io.github.modelrouter.config.BetaHeaderPolicy;
import io.github.modelrouter.config.CountTokensMode;
import io.github.modelrouter.config.ResponseThinking;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouteTransport;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.config.ToolPolicy;
import io.github.modelrouter.config.UpstreamFormat;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** RouteConfig values for tests: the three default routes of SPEC.md, and variations of them. */
public final class TestRoutes {

    public static final Set<String> DEFAULT_STRIP = Set.of("cache_control", "reasoning_effort");

    private TestRoutes() {
    }

    /** DeepSeek: placeholder thinking, thinking left enabled, x-api-key. */
    public static RouteConfig opus() {
        return route("opus", "deepseek-v4-pro", ThinkingPolicy.PLACEHOLDER, false, DEFAULT_STRIP,
                AuthScheme.X_API_KEY, BetaHeaderPolicy.FORWARD);
    }

    /** Kimi: strip thinking, disable thinking, x-api-key. */
    public static RouteConfig sonnet() {
        return route("sonnet", "kimi-for-coding", ThinkingPolicy.STRIP, true, DEFAULT_STRIP,
                AuthScheme.X_API_KEY, BetaHeaderPolicy.FORWARD);
    }

    /** MiniMax: strip thinking, disable thinking, bearer. */
    public static RouteConfig haiku() {
        return route("haiku", "MiniMax-M2.7", ThinkingPolicy.STRIP, true, DEFAULT_STRIP,
                AuthScheme.BEARER, BetaHeaderPolicy.FORWARD);
    }

    /** A route that changes nothing: client's model, history preserved, nothing stripped. */
    public static RouteConfig passThrough() {
        return route("plain", "", ThinkingPolicy.PRESERVE, false, Set.of(), AuthScheme.X_API_KEY,
                BetaHeaderPolicy.FORWARD);
    }

    public static RouteConfig withThinking(ThinkingPolicy policy) {
        return route("t", "", policy, false, Set.of(), AuthScheme.X_API_KEY, BetaHeaderPolicy.FORWARD);
    }

    public static RouteConfig withStrip(Set<String> fields) {
        return route("s", "", ThinkingPolicy.PRESERVE, false, fields, AuthScheme.X_API_KEY, BetaHeaderPolicy.FORWARD);
    }

    public static RouteConfig withAuth(AuthScheme auth, BetaHeaderPolicy beta) {
        return route("a", "", ThinkingPolicy.PRESERVE, false, Set.of(), auth, beta);
    }

    public static RouteConfig route(String name, String modelId, ThinkingPolicy thinking, boolean disableThinking,
                                    Set<String> stripFields, AuthScheme auth, BetaHeaderPolicy beta) {
        return new RouteConfig(name, name, List.of(name), URI.create("https://upstream.invalid/anthropic"),
                "/v1/messages", modelId, List.of(new Secret("sk-test-" + name)), List.of(), auth,
                Duration.ofSeconds(300), Duration.ofSeconds(10), Duration.ofSeconds(120), thinking, disableThinking,
                ResponseThinking.PASS, stripFields, beta, CountTokensMode.FORWARD, "", 0, Duration.ofSeconds(60),
                RouteTransport.DIRECT, UpstreamFormat.ANTHROPIC, ToolPolicy.NONE, List.of(RouteConfig.defaultAdvertise(name)),
                Duration.ofSeconds(15), true);
    }
}
