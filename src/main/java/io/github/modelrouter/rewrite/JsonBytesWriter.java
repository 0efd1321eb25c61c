package io.github.modelrouter.rewrite;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a JSON-P tree as compact UTF-8 JSON bytes.
 *
 * <p>Our own rather than Parsson's {@code JsonGenerator} for three reasons: numbers are written
 * with {@code toString()} (the client's text, see {@link LexicalJsonNumber}); a lone surrogate in a
 * string (legal in JSON as {@code "\ud800"}) is written back as that escape, where an
 * {@code OutputStreamWriter} would turn it into {@code ?}; and it encodes straight into one byte
 * array, with no intermediate writer or char buffer. Non-ASCII text is written as raw UTF-8;
 * quotes, backslashes and control characters are escaped.
 *
 * <p>Recursive: trees come from {@link JsonTreeReader}, which bounds their depth.
 */
final class JsonBytesWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int pos;

    private JsonBytesWriter(int sizeHint) {
        this.buf = new byte[Math.max(64, sizeHint)];
    }

    /** The tree as UTF-8 JSON; {@code sizeHint} is the expected size (for example the input's). */
    static byte[] write(JsonValue value, int sizeHint) {
        JsonBytesWriter writer = new JsonBytesWriter(sizeHint);
        writer.value(value);
        return Arrays.copyOf(writer.buf, writer.pos);
    }

    private void value(JsonValue value) {
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

    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
    }

    private void string(String text) {
        int n = text.length();
        // 3 bytes per char covers UTF-8 (a surrogate pair is 4 bytes for 2 chars); escapes re-ensure
        ensure(n * 3 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[p++] = (byte) c;
            } else if (c < 0x80) {
                pos = p;
                ensure(6 + (n - i) * 3 + 1);
                b = buf;
                p = escapeAscii(c, pos);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate has no UTF-8 form; the \\u escape keeps exactly what the client sent
                pos = p;
                ensure(6 + (n - i) * 3 + 1);
                b = buf;
                p = unicodeEscape(c, pos);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        pos = p;
    }

    /** Writes the escape of an ASCII quote, backslash or control character at {@code p}; returns the new position. */
    private int escapeAscii(char c, int p) {
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
            return unicodeEscape(c, p);
        }
        buf[p++] = '\\';
        buf[p++] = (byte) shortForm;
        return p;
    }

    private int unicodeEscape(char c, int p) {
        buf[p++] = '\\';
        buf[p++] = 'u';
        buf[p++] = HEX[(c >> 12) & 0xF];
        buf[p++] = HEX[(c >> 8) & 0xF];
        buf[p++] = HEX[(c >> 4) & 0xF];
        buf[p++] = HEX[c & 0xF];
        return p;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
