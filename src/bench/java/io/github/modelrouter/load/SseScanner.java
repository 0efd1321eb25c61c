package io.github.modelrouter.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Watches an answer's bytes as they arrive, across any chunking: how many SSE events have ended
 * (a blank line), whether {@code message_stop} and an {@code event: error} were seen, how many bytes
 * came, and the last non-blank byte (a JSON answer ends with {@code '}'}). One per exchange; its
 * callers are serialised by the HTTP client.
 */
final class SseScanner {

    private final Matcher messageStop = new Matcher("message_stop");
    private final Matcher error = new Matcher("event: error");
    private boolean previousNewline;
    private int events;
    private long bytes;
    private byte lastNonBlank;

    void feed(ByteBuffer chunk) {
        for (int i = chunk.position(); i < chunk.limit(); i++) {
            byte b = chunk.get(i);
            if (b == '\n') {
                if (previousNewline) {
                    events++;
                }
                previousNewline = true;
            } else if (b != '\r') {
                previousNewline = false;
                if (b != ' ' && b != '\t') {
                    lastNonBlank = b;
                }
            }
            messageStop.next(b);
            error.next(b);
        }
        bytes += chunk.remaining();
    }

    int events() {
        return events;
    }

    boolean messageStopSeen() {
        return messageStop.found;
    }

    boolean errorSeen() {
        return error.found;
    }

    long bytes() {
        return bytes;
    }

    boolean endsLikeJson() {
        return lastNonBlank == '}';
    }

    /** Knuth–Morris–Pratt: finds a pattern in a byte stream fed one byte at a time. */
    private static final class Matcher {
        private final byte[] pattern;
        private final int[] fallback;
        private int matched;
        private boolean found;

        Matcher(String pattern) {
            this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
            this.fallback = new int[this.pattern.length];
            for (int i = 1, k = 0; i < this.pattern.length; i++) {
                while (k > 0 && this.pattern[i] != this.pattern[k]) {
                    k = fallback[k - 1];
                }
                if (this.pattern[i] == this.pattern[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        void next(byte b) {
            if (found) {
                return;
            }
            while (matched > 0 && b != pattern[matched]) {
                matched = fallback[matched - 1];
            }
            if (b == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                found = true;
            }
        }
    }
}
