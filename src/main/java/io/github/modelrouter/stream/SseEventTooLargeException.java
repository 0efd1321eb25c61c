package io.github.modelrouter.stream;

/**
 * The upstream sent an SSE event larger than the parser's limit. The stream cannot go on (the
 * parser would have to hold the whole event); the caller turns this into an error for the client
 * with {@link #toAnthropicError()}: an SSE {@code error} event once the answer has begun.
 */
public final class SseEventTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public SseEventTooLargeException(int limit) {
        super("upstream sent an SSE event larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit that was passed, in bytes. */
    public int limit() {
        return limit;
    }

    /** The error to report to the client: the upstream broke the stream (502 {@code api_error}). */
    public AnthropicError toAnthropicError() {
        return AnthropicError.Type.API_ERROR.error(getMessage());
    }
}
