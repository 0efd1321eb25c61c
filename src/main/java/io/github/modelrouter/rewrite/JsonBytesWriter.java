package io.github.modelrouter.rewrite;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a JSON-P tree as compact UTF-8 JSON bytes.
 *
 * <p>Our own rather than Parsson's {@code JsonGenerator} for three reasons: numbers are written
 * with {@code toString()} (the client's text, see {@link LexicalJsonNumber}); a lone surrogate in
 * a string (legal in JSON as a backslash-u escape, U+D800 say) is written back as that escape,
 * where an {@code OutputStreamWriter} would turn it into {@code ?}; and it encodes in one pass into one
 * byte array, with no writer or encoder in between. Non-ASCII text is written as raw UTF-8;
 * quotes, backslashes and control characters are escaped ({@code \n}-style where JSON has a short
 * form, else as a six-character backslash-u escape); {@code /} is not.
 *
 * <p>One instance writes one tree, on one thread.
 *
 * <p>Recursive: trees come from {@link JsonTreeReader}, which bounds their depth.
 */
final class JsonBytesWriter {

    private static final int CHUNK_CHARS = 256;
    /**
     * ASCII characters written as themselves: all but control characters, quote and backslash.
     * A lookup table, filled once during class initialisation and never written again.
     */
    private static final boolean[] PLAIN = new boolean[0x80];

    static {
        for (char c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final char[] scratch = new char[CHUNK_CHARS + 1];
    private byte[] buf;
    private int pos;

    JsonBytesWriter(int sizeHint) {
        this.buf = new byte[Math.max(64, sizeHint)];
    }

    /** The tree as UTF-8 JSON; {@code sizeHint} is the expected size (for example the input's). */
    static byte[] write(JsonValue value, int sizeHint) {
        JsonBytesWriter writer = new JsonBytesWriter(sizeHint);
        writer.value(value);
        return Arrays.copyOf(writer.buf, writer.pos);
    }

    /** The bytes written so far, as a new array. */
    byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    /** Copies {@code source[from, to)} as it is: bytes already in this writer's form. */
    void raw(byte[] source, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(source, from, buf, pos, n);
        pos += n;
    }

    /** One ASCII structural character. */
    void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** ASCII text written as it is (JSON punctuation and literals). */
    void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
    }

    void value(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
            case STRING -> string(((JsonString) value).getString());
            // LexicalJsonNumber.toString is the client's text; other JsonNumbers print valid JSON too
            case NUMBER -> ascii(value.toString());
            case TRUE -> ascii("true");
            case FALSE -> ascii("false");
            case NULL -> ascii("null");
        }
    }

    private void object(JsonObject object) {
        ensure(1);
        buf[pos++] = '{';
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                ensure(1);
                buf[pos++] = ',';
            }
            first = false;
            string(member.getKey());
            ensure(1);
            buf[pos++] = ':';
            value(member.getValue());
        }
        ensure(1);
        buf[pos++] = '}';
    }

    private void array(JsonArray array) {
        ensure(1);
        buf[pos++] = '[';
        for (int i = 0, n = array.size(); i < n; i++) {
            if (i > 0) {
                ensure(1);
                buf[pos++] = ',';
            }
            value(array.get(i));
        }
        ensure(1);
        buf[pos++] = ']';
    }

    /** {@code text} as a JSON string, quotes included. */
    void string(String text) {
        int n = text.length();
        ensure(1);
        buf[pos++] = '"';
        // in chunks copied to a scratch array: a loop over char[] is several times faster than
        // String.charAt on UTF-16 strings, and room is reserved for one chunk's worst case
        // (6 bytes a char) rather than a whole 100 KB string's, which would grow the buffer for nothing
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + CHUNK_CHARS);
            if (end < n && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++; // keep a surrogate pair in one chunk
            }
            text.getChars(i, end, scratch, 0);
            ensure((end - i) * 6);
            encodeChunk(end - i);
            i = end;
        }
        ensure(1);
        buf[pos++] = '"';
    }

    /** Encodes {@code scratch[0, length)} at {@code pos}; room for 6 bytes a char is ensured. */
    private void encodeChunk(int length) {
        char[] chars = scratch;
        byte[] b = buf;
        int p = pos;
        int i = 0;
        while (i < length) {
            char c = chars[i++];
            if (c < 0x80 && PLAIN[c]) { // one well-predicted branch for the common case
                b[p++] = (byte) c;
            } else if (c < 0x80) {
                p = escapeAscii(b, c, p);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(chars[i])) {
                int cp = Character.toCodePoint(c, chars[i++]);
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // a lone surrogate has no UTF-8 form; the \\u escape keeps exactly what the client sent
                p = unicodeEscape(b, c, p);
            }
        }
        pos = p;
    }

    /** Writes the escape of an ASCII quote, backslash or control character at {@code p}; returns the new position. */
    private static int escapeAscii(byte[] b, char c, int p) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm == 0) {
            return unicodeEscape(b, c, p);
        }
        b[p++] = '\\';
        b[p++] = (byte) shortForm;
        return p;
    }

    private static int unicodeEscape(byte[] b, char c, int p) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
