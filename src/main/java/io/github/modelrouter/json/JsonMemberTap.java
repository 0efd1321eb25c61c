package io.github.modelrouter.json;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Watches a JSON document go by, chunk by chunk, and keeps only the bytes of one top-level member's
 * value (e.g. {@code usage}), wherever it sits: at the end of an Anthropic answer, after a content
 * of any size. Memory is the captured value, at most {@code maxCaptureBytes}; a larger value, or a
 * document that is not an object, is given up on. The incremental member of the scanner family, for answers that are
 * passed on as they arrive and so are never held whole. Not thread-safe; owned by one transformer.
 */
public final class JsonMemberTap {

    private final byte[] name;
    private final int maxCaptureBytes;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean expectKey;
    private boolean readingKey;
    private boolean keyMatches;
    private int keyLength;
    private boolean lastKeyMatched;
    private JsonWriter capture;
    private boolean capturing;
    private boolean captured;
    private boolean gaveUp;

    public JsonMemberTap(String name, int maxCaptureBytes) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.maxCaptureBytes = maxCaptureBytes;
    }

    /** Reads the next bytes of the document. */
    public void feed(byte[] bytes, int from, int to) {
        for (int p = from; p < to && !gaveUp && !captured; p++) {
            byte b = bytes[p];
            if (capturing) {
                if (!inString && depth == 1 && (b == ',' || b == '}')) {
                    capturing = false;
                    captured = true;
                    return;
                }
                if (capture.size() >= maxCaptureBytes) {
                    gaveUp = true;
                    return;
                }
                capture.put(b);
            }
            if (inString) {
                inString(b);
            } else {
                structure(b);
            }
        }
    }

    /** The captured value when it is a well-formed object, once the member has been seen whole. */
    public Optional<JsonSpan> capturedObject() {
        if (!captured) {
            return Optional.empty();
        }
        byte[] value = capture.toByteArray();
        JsonSpan span = JsonScanner.tryParse(value, 0, value.length);
        return span != null && span.isObject() ? Optional.of(span) : Optional.empty();
    }

    private void inString(byte b) {
        if (escaped) {
            escaped = false;
        } else if (b == '\\') {
            escaped = true;
            keyMatches = false;
        } else if (b == '"') {
            inString = false;
            if (readingKey) {
                readingKey = false;
                lastKeyMatched = keyMatches && keyLength == name.length;
            }
        } else if (readingKey) {
            if (keyLength < name.length && name[keyLength] == b) {
                keyLength++;
            } else {
                keyMatches = false;
            }
        }
    }

    private void structure(byte b) {
        switch (b) {
            case '"' -> {
                inString = true;
                if (depth == 1 && expectKey) {
                    expectKey = false;
                    readingKey = true;
                    keyMatches = true;
                    keyLength = 0;
                }
            }
            case '{', '[' -> {
                if (depth == 0 && b == '[') {
                    gaveUp = true;
                }
                if (++depth == 1) {
                    expectKey = true;
                }
            }
            case '}', ']' -> {
                if (--depth <= 0) {
                    gaveUp = true;
                }
            }
            case ',' -> expectKey = depth == 1;
            case ':' -> {
                if (depth == 1 && lastKeyMatched) {
                    lastKeyMatched = false;
                    capturing = true;
                    capture = new JsonWriter(256);
                }
            }
            case ' ', '\t', '\r', '\n' -> {
            }
            default -> {
                if (depth == 0) {
                    gaveUp = true;
                }
            }
        }
    }
}
