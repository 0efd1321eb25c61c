package io.github.modelrouter.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The event types every Anthropic stream repeats, so that {@link SseEvent#type()} returns a
 * constant instead of decoding the same few bytes for each of thousands of events.
 */
final class KnownEventTypes {

    private static final List<String> TYPES = List.of("content_block_delta", "content_block_start",
            "content_block_stop", "ping", "message_start", "message_delta", "message_stop", "error");
    private static final List<byte[]> BYTES = TYPES.stream()
            .map(type -> type.getBytes(StandardCharsets.US_ASCII)).toList();

    private KnownEventTypes() {
    }

    /** The constant for bytes[from, to), or null when it is not a known type. */
    static String lookup(byte[] bytes, int from, int to) {
        for (int i = 0; i < BYTES.size(); i++) {
            byte[] known = BYTES.get(i);
            if (known.length == to - from && Arrays.equals(bytes, from, to, known, 0, known.length)) {
                return TYPES.get(i);
            }
        }
        return null;
    }
}
