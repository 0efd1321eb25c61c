package io.github.modelrouter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One validated route ({@code router.route.<name>.*}): where requests whose model matches go, and
 * how they are rewritten on the way. Immutable. {@link RouterConfigLoader} builds it from
 * configuration; code and tests that need one by hand use {@link #builder(String)}, which starts
 * from the documented defaults (README, "Configuration").
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
 * @param keyCooldown how long a key answered with 401 or 429 is set aside
 * @param transport how requests reach the upstream: extra trusted CAs, outbound proxy, HTTP/2
 * @param format the API the upstream speaks (its defaults set {@code targetPath} and {@code auth})
 * @param tools which tools reach the upstream: types it rejects left out, at most so many
 * @param advertise the model ids {@code GET /v1/models} lists for this route; each contains
 *     {@code claude} and routes back here (an exact advertised id is matched before the keywords)
 * @param keepalive client silence on a stream after which a {@code ping} event is sent; zero disables
 * @param learnRejectedFields whether a 400 naming a top-level field the upstream does not accept
 *     makes the route strip that field from then on (and retry once)
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
        Duration keyCooldown,
        RouteTransport transport,
        UpstreamFormat format,
        ToolPolicy tools,
        List<String> advertise,
        Duration keepalive,
        boolean learnRejectedFields) {

    public RouteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(targetPath, "targetPath");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(thinking, "thinking");
        Objects.requireNonNull(responseThinking, "responseThinking");
        Objects.requireNonNull(betaHeader, "betaHeader");
        Objects.requireNonNull(countTokens, "countTokens");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(format, "format");
        tools = tools == null ? ToolPolicy.NONE : tools;
        advertise = advertise == null ? List.of(defaultAdvertise(name)) : List.copyOf(advertise);
        label = label == null || label.isBlank() ? name : label;
        match = List.copyOf(match);
        apiKeys = List.copyOf(apiKeys);
        apiKeyEnv = List.copyOf(apiKeyEnv);
        stripFields = Set.copyOf(stripFields);
        modelId = modelId == null ? "" : modelId;
        fallback = fallback == null ? "" : fallback;
        requirePositive(timeout, "timeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(keyCooldown, "keyCooldown");
        Objects.requireNonNull(keepalive, "keepalive");
        if (keepalive.isNegative()) {
            throw new IllegalArgumentException("keepalive must not be negative: " + keepalive);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
    }

    /** A builder for route {@code name}, holding every documented default; only the upstream is required. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The default of {@code router.route.<name>.api-key-env}: the name upper-cased, every character
     * other than a letter or digit turned into {@code _}, then {@code _API_KEY}
     * ({@code my-route} gives {@code MY_ROUTE_API_KEY}).
     */
    public static String defaultApiKeyEnv(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_API_KEY";
    }

    /** The default of {@code router.route.<name>.advertise}: {@code claude-<name>}. */
    public static String defaultAdvertise(String name) {
        return "claude-" + name;
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

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }

    /**
     * Collects a route's settings, starting from the documented defaults (README, "Configuration"). Not thread-safe; build one
     * route per builder. The setters take values already validated ({@link RouterConfigLoader} does
     * the validation of configuration text).
     */
    public static final class Builder {
        private final String name;
        private String label;
        private List<String> match;
        private URI upstream;
        /** Null until set: the format's default then applies. */
        private String targetPath;
        private String modelId = "";
        private List<Secret> apiKeys = List.of();
        private List<String> apiKeyEnv;
        /** Null until set: the format's default then applies. */
        private AuthScheme auth;
        private Duration timeout = Duration.ofSeconds(300);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private ThinkingPolicy thinking = ThinkingPolicy.STRIP;
        private boolean disableThinking;
        private ResponseThinking responseThinking = ResponseThinking.PASS;
        private Set<String> stripFields = Set.of("cache_control", "reasoning_effort");
        private BetaHeaderPolicy betaHeader = BetaHeaderPolicy.FORWARD;
        private CountTokensMode countTokens = CountTokensMode.FORWARD;
        private String fallback = "";
        private int retries = 1;
        private Duration keyCooldown = Duration.ofSeconds(60);
        private RouteTransport transport = RouteTransport.DIRECT;
        private UpstreamFormat format = UpstreamFormat.ANTHROPIC;
        private ToolPolicy tools = ToolPolicy.NONE;
        private List<String> advertise;
        private Duration keepalive = Duration.ofSeconds(15);
        private boolean learnRejectedFields = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.label = name;
            this.match = List.of(name);
            this.apiKeyEnv = List.of(defaultApiKeyEnv(name));
            this.advertise = List.of(defaultAdvertise(name));
        }

        public Builder label(String value) { label = value; return this; }
        public Builder match(List<String> value) { match = value; return this; }
        public Builder upstream(URI value) { upstream = value; return this; }
        public Builder targetPath(String value) { targetPath = value; return this; }
        public Builder modelId(String value) { modelId = value; return this; }
        public Builder apiKeys(List<Secret> value) { apiKeys = value; return this; }
        public Builder apiKeyEnv(List<String> value) { apiKeyEnv = value; return this; }
        public Builder auth(AuthScheme value) { auth = value; return this; }
        public Builder timeout(Duration value) { timeout = value; return this; }
        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder thinking(ThinkingPolicy value) { thinking = value; return this; }
        public Builder disableThinking(boolean value) { disableThinking = value; return this; }
        public Builder responseThinking(ResponseThinking value) { responseThinking = value; return this; }
        public Builder stripFields(Set<String> value) { stripFields = value; return this; }
        public Builder betaHeader(BetaHeaderPolicy value) { betaHeader = value; return this; }
        public Builder countTokens(CountTokensMode value) { countTokens = value; return this; }
        public Builder fallback(String value) { fallback = value; return this; }
        public Builder retries(int value) { retries = value; return this; }
        public Builder keyCooldown(Duration value) { keyCooldown = value; return this; }
        public Builder transport(RouteTransport value) { transport = value; return this; }
        public Builder format(UpstreamFormat value) { format = value; return this; }
        public Builder tools(ToolPolicy value) { tools = value; return this; }
        public Builder advertise(List<String> value) { advertise = value; return this; }

        /** The upstream set so far, or null (a provider preset sets one before the route's own key is read). */
        URI upstream() { return upstream; }

        /** The tool policy set so far (the preset's, or the default). */
        ToolPolicy tools() { return tools; }
        public Builder keepalive(Duration value) { keepalive = value; return this; }
        public Builder learnRejectedFields(boolean value) { learnRejectedFields = value; return this; }

        /** The route; throws {@link NullPointerException} when no upstream was set. */
        public RouteConfig build() {
            return new RouteConfig(name, label, match, upstream,
                    targetPath != null ? targetPath : format.defaultTargetPath(), modelId, apiKeys, apiKeyEnv,
                    auth != null ? auth : format.defaultAuth(), timeout, connectTimeout, idleTimeout, thinking, disableThinking,
                    responseThinking, stripFields, betaHeader, countTokens, fallback, retries,
                    keyCooldown, transport, format, tools, advertise, keepalive, learnRejectedFields);
        }
    }
}
