package io.github.modelrouter.config;

/**
 * Which API a route's upstream speaks ({@code router.route.<r>.format}); the client always speaks
 * Anthropic's Messages API.
 */
public enum UpstreamFormat {
    /** The Anthropic Messages API: the request is rewritten, the answer relayed. */
    ANTHROPIC("/v1/messages", AuthScheme.X_API_KEY),
    /** OpenAI Chat Completions: the request and the answer are translated both ways. */
    OPENAI("/v1/chat/completions", AuthScheme.BEARER);

    private final String defaultTargetPath;
    private final AuthScheme defaultAuth;

    UpstreamFormat(String defaultTargetPath, AuthScheme defaultAuth) {
        this.defaultTargetPath = defaultTargetPath;
        this.defaultAuth = defaultAuth;
    }

    /** The {@code target-path} of a route of this format that sets none. */
    public String defaultTargetPath() {
        return defaultTargetPath;
    }

    /** The {@code auth} of a route of this format that sets none. */
    public AuthScheme defaultAuth() {
        return defaultAuth;
    }
}
