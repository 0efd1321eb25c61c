package io.github.modelrouter.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Whether a request body asks for a stream, found without parsing: the last {@code "stream":} key
 * (Claude Code and the proxy's compact writer both put {@code stream} last, so the search from the
 * end stops after a few bytes) followed by {@code true}. Good enough for a benchmark upstream.
 */
final class StreamFlag {

    private static final byte[] KEY = "\"stream\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

    private StreamFlag() {
    }

    static boolean requested(ByteBuffer body) {
        int at = lastIndexOf(body, KEY);
        if (at < 0) {
            return false;
        }
        int value = at + KEY.length;
        while (value < body.limit() && body.get(value) == ' ') {
            value++;
        }
        return matchesAt(body, value, TRUE);
    }

    private static int lastIndexOf(ByteBuffer body, byte[] pattern) {
        for (int at = body.limit() - pattern.length; at >= body.position(); at--) {
            if (matchesAt(body, at, pattern)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean matchesAt(ByteBuffer body, int at, byte[] pattern) {
        if (at + pattern.length > body.limit()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (body.get(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
