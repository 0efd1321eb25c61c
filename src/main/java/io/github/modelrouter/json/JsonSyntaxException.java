package io.github.modelrouter.json;

/**
 * Why {@link JsonScanner} refused some bytes: the {@link Reason} for callers that phrase their own
 * answer, and a short message (with the byte offset) that names no content. Cheap to throw: no
 * stack trace, since refusing bad input is an expected outcome, not a bug.
 */
public final class JsonSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal. */
    public enum Reason {
        /** Nothing but whitespace (and a byte order mark). */
        EMPTY,
        /** Not RFC 8259 JSON: the message says what and where. */
        SYNTAX,
        /** Bytes inside a string that are not UTF-8 (overlong, truncated, surrogates, stray). */
        UTF8,
        /** Objects and arrays nested deeper than {@link JsonScanner#MAX_DEPTH}. */
        TOO_DEEP,
        /** More values than {@link JsonScanner#maxValues(int)} allows for the size of the input. */
        TOO_MANY_VALUES
    }

    private final Reason reason;
    private final int offset;

    JsonSyntaxException(Reason reason, int offset, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Byte offset in the scanned array where the scanner stopped. */
    public int offset() {
        return offset;
    }
}
