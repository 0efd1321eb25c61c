package io.github.modelrouter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One validated route ({@code router.route.<name>.*}): where requests whose model matches go, and
 * how they are rewritten on the way. Immutable; built only by {@link RouterConfigLoader}.
 *
 * @param name the route name from {@code router.routes}
 * @param label human-readable upstream name for logs, health and metrics
 * @param match keywords (case-insensitive substrings) and {@code re:<regex>} entries, in order
 * @param upstream base URL of the provider, without a trailing slash
 * @param targetPath path appended to {@code upstream} for messages, starting with {@code /}
 * @param modelId model name sent upstream; empty keeps the client's model
 * @param apiKeys the keys, in rotation order; empty when none is configured
 * @param apiKeyEnv the environment variables the keys were looked up in (for health, never values)
 * @param auth how the key is presented upstream
 * @param timeout total time for one upstream exchange, stream included
 * @param connectTimeout time to connect to the upstream
 * @param idleTimeout time the upstream may stay silent, before its answer or between chunks
 * @param thinking request-history thinking policy
 * @param disableThinking whether the forwarded body carries {@code "thinking":{"type":"disabled"}}
 * @param responseThinking what happens to thinking blocks in the answer
 * @param stripFields fields removed top-level and inside system, message-content and tool blocks
 * @param betaHeader policy for the client's {@code anthropic-beta}
 * @param countTokens how count_tokens is answered
 * @param fallback route tried when this one fails before the answer began; empty for none
 * @param retries extra attempts on this route for 429/503/529 before falling back
 * @param keyCooldown how long a key answered with 401/403/429 is set aside
 */
public record RouteConfig(
        String name,
        String label,
        List<String> match,
        URI upstream,
        String targetPath,
        String modelId,
        List<Secret> apiKeys,
        List<String> apiKeyEnv,
        AuthScheme auth,
        Duration timeout,
        Duration connectTimeout,
        Duration idleTimeout,
        ThinkingPolicy thinking,
        boolean disableThinking,
        ResponseThinking responseThinking,
        Set<String> stripFields,
        BetaHeaderPolicy betaHeader,
        CountTokensMode countTokens,
        String fallback,
        int retries,
        Duration keyCooldown) {

    public RouteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstream, "upstream");
        match = List.copyOf(match);
        apiKeys = List.copyOf(apiKeys);
        apiKeyEnv = List.copyOf(apiKeyEnv);
        stripFields = Set.copyOf(stripFields);
        modelId = modelId == null ? "" : modelId;
        fallback = fallback == null ? "" : fallback;
    }

    /** Whether at least one key is configured. */
    public boolean hasKey() {
        return !apiKeys.isEmpty();
    }

    /** The messages endpoint: upstream base URL plus target path. */
    public URI messagesUri() {
        return URI.create(upstream + targetPath);
    }

    /** The count_tokens endpoint: {@code <target-path>/count_tokens} on the upstream. */
    public URI countTokensUri() {
        return URI.create(upstream + targetPath + "/count_tokens");
    }
}
