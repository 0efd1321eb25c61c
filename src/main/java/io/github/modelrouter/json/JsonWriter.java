package io.github.modelrouter.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one growable byte buffer and JSON string escaper: compact JSON is written into it piece by
 * piece (raw spans of a source, structural characters, escaped strings), and its bytes leave
 * either as an exact-length array or, without a copy, as one {@link ByteBuffer}.
 *
 * <p>Strings are written as UTF-8 with quotes, backslashes and control characters escaped
 * ({@code \n}-style where JSON has a short form, else a six-character backslash-u escape, lower
 * case); {@code /} is not escaped. A lone surrogate (legal in JSON as an escape, U+D800 say) is
 * written back as that escape, where an {@code OutputStreamWriter} would turn it into {@code ?}.
 *
 * <p>One instance writes one document, on one thread.
 */
public final class JsonWriter {

    private static final int CHUNK_CHARS = 256;
    /** ASCII characters written as themselves: all but control characters, quote and backslash. */
    private static final boolean[] PLAIN = new boolean[0x80];

    static {
        for (char c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private char[] scratch;
    private byte[] buf;
    private int pos;

    /** @param sizeHint the expected size, e.g. the input's; the buffer grows past it when needed */
    public JsonWriter(int sizeHint) {
        this.buf = new byte[Math.max(16, sizeHint)];
    }

    /**
     * A writer that writes into {@code initial} from its start (whatever it holds is overwritten),
     * and into a larger copy once it is full ({@link BufferPool}).
     */
    public JsonWriter(byte[] initial) {
        this.buf = initial.length >= 16 ? initial : new byte[16];
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        JsonWriter writer = new JsonWriter(text.length() + 16);
        writer.string(text);
        return new String(writer.buf, 0, writer.pos, StandardCharsets.UTF_8);
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /** Copies {@code source[from, to)} as it is. */
    public JsonWriter raw(byte[] source, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(source, from, buf, pos, n);
        pos += n;
        return this;
    }

    /** Copies a span's bytes as they are (the caller knows they are in the form it wants). */
    public JsonWriter raw(JsonSpan span) {
        return raw(span.source(), span.start(), span.end());
    }

    /**
     * Any value in compact form: its own bytes when they already are ({@link JsonSpan#canonical()}),
     * its bytes without their insignificant whitespace when that is all that differs
     * ({@link JsonSpan#compactable()}), else re-encoded from its parts; numbers always as the
     * client wrote them.
     */
    public JsonWriter value(JsonSpan value) {
        if (value.canonical()) {
            return raw(value);
        }
        if (value.compactable()) {
            return withoutWhitespace(value.source(), value.start(), value.end());
        }
        switch (value.kind()) {
            case OBJECT, ARRAY -> {
                boolean object = value.isObject();
                put(object ? '{' : '[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        put(',');
                    }
                    if (object) {
                        value(value.key(i));
                        put(':');
                    }
                    value(value.value(i));
                }
                put(object ? '}' : ']');
            }
            case STRING -> string(value.string());
            default -> raw(value);
        }
        return this;
    }

    /**
     * Copies scanned JSON {@code source[from, to)} without the whitespace between its tokens:
     * strings as whole runs, skipping their escaped quotes.
     */
    private JsonWriter withoutWhitespace(byte[] source, int from, int to) {
        ensure(to - from);
        byte[] b = buf;
        int p = pos;
        int i = from;
        while (i < to) {
            byte c = source[i];
            if (c == '"') {
                int end = stringEnd(source, i + 1, to);
                System.arraycopy(source, i, b, p, end - i);
                p += end - i;
                i = end;
            } else {
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    b[p++] = c;
                }
                i++;
            }
        }
        pos = p;
        return this;
    }

    /** Just after the quote that ends the (validated) string whose text starts at {@code from}. */
    private static int stringEnd(byte[] source, int from, int to) {
        int i = from;
        while (true) {
            i = ByteSearch.indexOfEither(source, i, to, (byte) '"', (byte) '\\');
            if (source[i] == '"') {
                return i + 1;
            }
            i += 2;
        }
    }

    /** One byte. */
    public JsonWriter put(byte b) {
        ensure(1);
        buf[pos++] = b;
        return this;
    }

    /** One ASCII structural character. */
    public JsonWriter put(char c) {
        return put((byte) c);
    }

    /** ASCII text written as it is (JSON punctuation, literals, SSE field names). */
    public JsonWriter ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** A decimal integer (written digit by digit: no String for each renumbered SSE index). */
    public JsonWriter number(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value)); // the one value whose magnitude is not a long
        }
        if (value < 0) {
            put('-');
            value = -value;
        }
        if (value < 10) {
            // most numbers a stream's renumbering writes: no division
            put((byte) ('0' + value));
            return this;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        int end = pos + digits;
        for (int p = end - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos = end;
        return this;
    }

    /** {@code text} as a JSON string, quotes included. */
    public JsonWriter string(String text) {
        int n = text.length();
        put('"');
        if (scratch == null) {
            scratch = new char[CHUNK_CHARS + 1];
        }
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
        return put('"');
    }

    /** The bytes written so far, as an array of exactly that length. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Hands the written bytes over without copying; the writer must not be used afterwards. */
    public ByteBuffer release() {
        ByteBuffer released = ByteBuffer.wrap(buf, 0, pos);
        buf = null;
        return released;
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

    /** Writes the escape of an ASCII quote, backslash or control character at {@code p}. */
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
        long needed = (long) pos + more;
        if (needed > buf.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("JSON writer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, buf.length * 2L)));
        }
    }
}
