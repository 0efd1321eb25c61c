package io.github.modelrouter.stream;

import io.github.modelrouter.json.ByteSearch;
import io.github.modelrouter.json.JsonLocator;
import java.nio.charset.StandardCharsets;

/**
 * The event types every Anthropic stream repeats, recognised from their bytes, so that deciding
 * what to do with each of thousands of events compares a few bytes instead of decoding a String
 * and hashing it. {@link #OTHER} stands for every other type (and for none).
 */
enum KnownEventType {
    CONTENT_BLOCK_DELTA("content_block_delta"),
    CONTENT_BLOCK_START("content_block_start"),
    CONTENT_BLOCK_STOP("content_block_stop"),
    PING("ping"),
    MESSAGE_START("message_start"),
    MESSAGE_DELTA("message_delta"),
    MESSAGE_STOP("message_stop"),
    ERROR("error"),
    OTHER(null);

    /** The known ones, most frequent first (deltas are most of a stream). */
    private static final KnownEventType[] KNOWN = {CONTENT_BLOCK_DELTA, CONTENT_BLOCK_START, CONTENT_BLOCK_STOP,
        PING, MESSAGE_START, MESSAGE_DELTA, MESSAGE_STOP, ERROR};

    private final String wireName;
    private final byte[] bytes;

    KnownEventType(String wireName) {
        this.wireName = wireName;
        this.bytes = wireName == null ? null : wireName.getBytes(StandardCharsets.US_ASCII);
    }

    /** The type as the stream writes it; null for OTHER. */
    String wireName() {
        return wireName;
    }

    /** The type whose name is exactly {@code bytes[from, to)}, or OTHER. */
    static KnownEventType of(byte[] bytes, int from, int to) {
        for (KnownEventType type : KNOWN) {
            if (ByteSearch.regionEquals(bytes, from, to, type.bytes)) {
                return type;
            }
        }
        return OTHER;
    }

    /**
     * The type whose name is the JSON string starting at {@code text[pos]} (written without
     * escapes, as every upstream writes these names), or OTHER.
     */
    static KnownEventType ofJsonString(byte[] text, int pos, int to) {
        for (KnownEventType type : KNOWN) {
            if (JsonLocator.stringEquals(text, pos, to, type.bytes)) {
                return type;
            }
        }
        return OTHER;
    }
}
