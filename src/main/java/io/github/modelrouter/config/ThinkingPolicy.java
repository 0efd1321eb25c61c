package io.github.modelrouter.config;

/** What the rewrite does with thinking blocks in the request history ({@code router.route.<r>.thinking}). */
public enum ThinkingPolicy {
    /** Forward the history unchanged. */
    PRESERVE,
    /** Remove {@code thinking}, {@code redacted_thinking} and {@code reasoning} blocks. */
    STRIP,
    /**
     * Assistant list contents carry exactly one empty thinking block first: thinking blocks are
     * replaced by one empty {@code {"type":"thinking","thinking":"","signature":""}}, inserted where
     * there was none (DeepSeek rejects a history whose assistant turns lack one).
     */
    PLACEHOLDER
}
