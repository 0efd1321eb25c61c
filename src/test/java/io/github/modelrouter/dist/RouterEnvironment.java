package io.github.modelrouter.dist;

import io.github.modelrouter.it.FakeUpstream;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a distribution is started with: this JVM's, minus anything that configures the
 * router (so a developer's real keys, ROUTER_* overrides, PROXY_PORT or MP_CONFIG_PROFILE cannot
 * leak into a test), plus the routes given as operators give them, through environment
 * variables ({@code ROUTER_ROUTE_<NAME>_UPSTREAM} and each route's key variable).
 */
final class RouterEnvironment {

    private RouterEnvironment() {
    }

    /** A clean environment with no route configuration. */
    static Map<String, String> clean() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("ROUTER_") || name.startsWith("MP_CONFIG_")
                || name.startsWith("SMALLRYE_") || name.endsWith("_API_KEY") || name.equals("PROXY_PORT")
                || name.equals("JAVA_OPTS") || name.equals("CATALINA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
        return env;
    }

    /** The three default routes pointed at {@code upstream} (/deepseek, /kimi, /minimax) with test keys. */
    static Map<String, String> routedTo(FakeUpstream upstream) {
        Map<String, String> env = clean();
        env.put("ROUTER_ROUTE_OPUS_UPSTREAM", upstream.url("deepseek"));
        env.put("DEEPSEEK_API_KEY", "dist-test-deepseek-key");
        env.put("ROUTER_ROUTE_SONNET_UPSTREAM", upstream.url("kimi"));
        env.put("KIMI_API_KEY", "dist-test-kimi-key");
        env.put("ROUTER_ROUTE_HAIKU_UPSTREAM", upstream.url("minimax"));
        env.put("MINIMAX_API_KEY", "dist-test-minimax-key");
        return env;
    }
}
