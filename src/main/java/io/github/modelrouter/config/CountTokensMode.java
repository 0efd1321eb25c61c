package io.github.modelrouter.config;

/** How {@code /v1/messages/count_tokens} is answered for a route ({@code router.route.<r>.count-tokens}). */
public enum CountTokensMode {
    /** Forward to the upstream; a 404 or 405 from it is answered with the local estimate. */
    FORWARD,
    /** Answer locally with an estimate, never calling the upstream. */
    ESTIMATE
}
