package io.github.modelrouter.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * {@code router.route.<r>.provider}: the defaults one provider's Anthropic-compatible endpoint
 * needs, applied before the route's own keys, so any key set explicitly overrides its preset
 * value. Each value follows the provider's own documentation ({@link #source()}; README, "Provider
 * presets").
 *
 * <p>The tool types left out are Anthropic's own server and schema-defined tools (run on, or
 * defined by, Anthropic's platform): the providers document only custom tools ({@code name},
 * {@code description}, {@code input_schema}) and answer 400 to the whole request when one of these
 * is listed. {@code web_search} is kept: DeepSeek serves it, and elsewhere the provider's own error
 * says more than a silently missing tool.
 */
public enum ProviderPreset {

    /**
     * DeepSeek: thinking is on and a tool turn's thinking "must be passed back to the API", so
     * each assistant turn carries an (empty, unsigned) placeholder; DeepSeek's thinking is dropped
     * from answers so clients never replay it; at most 128 tools (its function-calling limit).
     */
    DEEPSEEK("DeepSeek", "https://api.deepseek.com/anthropic", AuthScheme.X_API_KEY,
            ThinkingPolicy.PLACEHOLDER, false, ResponseThinking.DROP, 128,
            "https://api-docs.deepseek.com/guides/anthropic_api"),
    /**
     * Kimi (Moonshot, Kimi for Coding): history without thinking and thinking off, as its coding
     * endpoint expects from Claude Code; at most 128 tools ("the number of functions in tools
     * currently cannot exceed 128").
     */
    KIMI("Kimi", "https://api.kimi.com/coding", AuthScheme.X_API_KEY,
            ThinkingPolicy.STRIP, true, ResponseThinking.PASS, 128,
            "https://platform.kimi.ai/docs/api/tool-use"),
    /**
     * MiniMax: "in multi-turn function call conversations, the complete model response … must be
     * appended" (thinking blocks included), so the history is forwarded as it is and thinking
     * answers pass; the key goes as {@code Authorization: Bearer}. No documented tool-count limit.
     */
    MINIMAX("MiniMax", "https://api.minimax.io/anthropic", AuthScheme.BEARER,
            ThinkingPolicy.PRESERVE, false, ResponseThinking.PASS, 0,
            "https://platform.minimax.io/docs/api-reference/text-anthropic-api");

    /** Anthropic-platform tool types the providers' Anthropic endpoints do not run. */
    static final Set<String> ANTHROPIC_PLATFORM_TOOLS = Set.of("web_fetch", "code_execution", "computer", "bash",
            "text_editor", "memory", "tool_search_tool_regex", "tool_search_tool_bm25", "mcp_toolset");

    private final String label;
    private final URI upstream;
    private final AuthScheme auth;
    private final ThinkingPolicy thinking;
    private final boolean disableThinking;
    private final ResponseThinking responseThinking;
    private final int maxTools;
    private final String source;

    ProviderPreset(String label, String upstream, AuthScheme auth, ThinkingPolicy thinking, boolean disableThinking,
                   ResponseThinking responseThinking, int maxTools, String source) {
        this.label = label;
        this.upstream = URI.create(upstream);
        this.auth = auth;
        this.thinking = thinking;
        this.disableThinking = disableThinking;
        this.responseThinking = responseThinking;
        this.maxTools = maxTools;
        this.source = source;
    }

    /** The configuration name, e.g. {@code deepseek}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider's documentation the values follow. */
    public String source() {
        return source;
    }

    /** The provider's Anthropic-compatible base URL, used when the route sets no {@code upstream}. */
    public URI upstream() {
        return upstream;
    }

    /** What the route's tools go through on the way to this provider. */
    public ToolPolicy tools() {
        return new ToolPolicy(maxTools, ANTHROPIC_PLATFORM_TOOLS);
    }

    /** Sets this preset's values on {@code route}; called before the route's own keys are read. */
    void applyTo(RouteConfig.Builder route) {
        route.label(label).upstream(upstream).auth(auth).thinking(thinking).disableThinking(disableThinking)
                .responseThinking(responseThinking).tools(tools());
    }
}
