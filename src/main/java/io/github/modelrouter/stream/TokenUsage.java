package io.github.modelrouter.stream;

/**
 * Token counts read from an answer's {@code usage} (a JSON answer, or a stream's
 * {@code message_start} and {@code message_delta} events). Fields the upstream did not send are 0.
 */
public record TokenUsage(long inputTokens, long outputTokens, long cacheReadInputTokens,
                         long cacheCreationInputTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);
}
