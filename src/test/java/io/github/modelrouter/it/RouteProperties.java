package io.github.modelrouter.it;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The router configuration an integration test deploys with, built in a few readable calls
 * instead of a hand-filled map; {@link RouterDeployment#war(RouteProperties)} writes it into the
 * archive. Start from {@link #defaultTable} (the three tiers at the fake upstream) or
 * {@link #none()}, then add keys:
 *
 * <pre>{@code
 * RouteProperties.none()
 *         .set("router.routes", "errors,silent")
 *         .route("errors", UPSTREAM.url("errors"))
 *         .route("silent", UPSTREAM.url("silent")).with("idle-timeout", "1")
 * }</pre>
 *
 * <p>{@link #with} sets a key of the route named last by {@link #route(String)} or
 * {@link #route(String, String)}, so each route's settings read on its line. Keys set twice keep
 * the last value, as in the properties file.
 */
public final class RouteProperties {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private String current;

    private RouteProperties() {
    }

    /** No keys: the WAR's own configuration, until keys are added. */
    public static RouteProperties none() {
        return new RouteProperties();
    }

    /**
     * The three tiers pointed at the fake upstream (DeepSeek at /deepseek, Kimi at /kimi, MiniMax
     * at /minimax) with test keys; callers add or override entries.
     */
    public static RouteProperties defaultTable(FakeUpstream upstream) {
        return none()
                .route("opus").with("upstream", upstream.url("deepseek")).with("api-key", "test-deepseek-key")
                .route("sonnet").with("upstream", upstream.url("kimi")).with("api-key", "test-kimi-key")
                .route("haiku").with("upstream", upstream.url("minimax")).with("api-key", "test-minimax-key");
    }

    /** Any key, e.g. {@code router.max-concurrent} or a variable a route's {@code api-key-env} names. */
    public RouteProperties set(String key, Object value) {
        properties.put(key, String.valueOf(Objects.requireNonNull(value, key)));
        return this;
    }

    /**
     * A test route {@code name} at {@code upstream} with key {@code key-<name>} and no retries
     * (so each test request is exactly one upstream request); {@link #with} then sets its other keys.
     */
    public RouteProperties route(String name, String upstream) {
        return route(name).with("upstream", upstream).with("api-key", "key-" + name).with("retries", "0");
    }

    /** Names the route that the following {@link #with} calls configure; sets nothing itself. */
    public RouteProperties route(String name) {
        current = name;
        return this;
    }

    /** {@code router.route.<route>.<setting>} of the route named last by {@code route(...)}. */
    public RouteProperties with(String setting, Object value) {
        if (current == null) {
            throw new IllegalStateException("with(\"" + setting + "\", …) before any route(…)");
        }
        return set("router.route." + current + "." + setting, value);
    }

    /** The keys and values in the order they were first set. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(properties);
    }
}
