package io.github.modelrouter.config;

/** What happens to thinking blocks in the upstream's answer ({@code router.route.<r>.response-thinking}). */
public enum ResponseThinking {
    /** Forward them unchanged. */
    PASS,
    /** Remove them: from a JSON answer, and every SSE event of a thinking block from a stream. */
    DROP
}
