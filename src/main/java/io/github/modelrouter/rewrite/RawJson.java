package io.github.modelrouter.rewrite;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A light JSON tree over the client's own bytes: every value knows its byte span
 * {@code [start, end)} in the body, so the rewrite copies untouched subtrees as they came in and
 * re-serializes only what it changes.
 *
 * <p>{@link #scan} is a strict RFC 8259 scanner (strict UTF-8 inside strings, nothing but JSON
 * whitespace around the root, depth limited like {@link JsonTreeReader}). It never decides an
 * error message: on anything it does not accept it answers {@code null}, and
 * {@link ClientRequestBody} then runs {@link JsonTreeReader}, which gives the exact message (or,
 * should it accept what this scanner refused, the tree-based rewrite is used).
 *
 * <p>A value is <em>canonical</em> when its bytes are exactly what {@link JsonBytesWriter} would
 * write for it (compact, no backslash-u or {@code \/} escapes, no duplicate member names); only
 * canonical values are copied raw, the others are re-encoded from their decoded content, so the
 * output is byte for byte what the tree-based rewrite writes.
 *
 * <p>Immutable after the scan apart from lazily decoded strings (benign races: the decoded value
 * is the same whichever thread computes it).
 */
final class RawJson {

    static final byte OBJECT = 1;
    static final byte ARRAY = 2;
    static final byte STRING = 3;
    static final byte NUMBER = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte NULL = 7;

    private static final RawJson[] NO_VALUES = new RawJson[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final byte kind;
    final int start;
    final int end;
    /** Bytes in {@code [start, end)} are exactly what JsonBytesWriter writes for this value. */
    final boolean canonical;
    /** Object member names (string values), objects only; duplicates already resolved. */
    final RawJson[] keys;
    /** Object member values or array elements; empty for scalars. */
    final RawJson[] values;
    /** Strings: whether the text holds a backslash escape; non-ASCII bytes otherwise. */
    private final boolean escaped;
    private final boolean ascii;
    private final byte[] source;
    private String decoded;

    private RawJson(byte kind, byte[] source, int start, int end, boolean canonical, RawJson[] keys,
                    RawJson[] values, boolean escaped, boolean ascii) {
        this.kind = kind;
        this.source = source;
        this.start = start;
        this.end = end;
        this.canonical = canonical;
        this.keys = keys;
        this.values = values;
        this.escaped = escaped;
        this.ascii = ascii;
    }

    /** The root object, or {@code null} when the body is not something this scanner accepts. */
    static RawJson scan(byte[] body) {
        try {
            Scanner scanner = new Scanner(body);
            return scanner.root();
        } catch (Refused | StackOverflowError | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The body this value lies in (read only). */
    byte[] sourceBytes() {
        return source;
    }

    boolean isString() {
        return kind == STRING;
    }

    boolean isObject() {
        return kind == OBJECT;
    }

    boolean isArray() {
        return kind == ARRAY;
    }

    int size() {
        return values.length;
    }

    /** A string's decoded text. */
    String string() {
        String s = decoded;
        if (s == null) {
            s = decode();
            decoded = s;
        }
        return s;
    }

    /** Whether this is a string whose text equals {@code text} (ASCII only). */
    boolean stringEquals(String text) {
        if (kind != STRING) {
            return false;
        }
        if (!escaped) {
            int n = end - start - 2;
            if (n != text.length()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (source[start + 1 + i] != text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        return string().equals(text);
    }

    /** The value of member {@code name}, or {@code null}; objects only. */
    RawJson get(String name) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].stringEquals(name)) {
                return values[i];
            }
        }
        return null;
    }

    private String decode() {
        int from = start + 1;
        int to = end - 1;
        if (!escaped) {
            return new String(source, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int runStart = i;
            while (i < to && source[i] != '\\') {
                i++;
            }
            if (i > runStart) {
                out.append(new String(source, runStart, i - runStart, StandardCharsets.UTF_8));
            }
            if (i >= to) {
                break;
            }
            byte e = source[i + 1];
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) ((hex(source[i + 2]) << 12) | (hex(source[i + 3]) << 8)
                            | (hex(source[i + 4]) << 4) | hex(source[i + 5])));
                    i += 4;
                }
                default -> out.append((char) e); // " \ /
            }
            i += 2;
        }
        return out.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Thrown inside the scanner for anything it does not accept; never leaves this class. */
    private static final class Refused extends RuntimeException {
        private static final Refused INSTANCE = new Refused();

        private Refused() {
            super(null, null, false, false);
        }
    }

    private static final class Scanner {
        private final byte[] b;
        private final int n;
        private int pos;
        private int depth;
        /** Shared child stacks: a container's children are copied out when it closes. */
        private RawJson[] keyStack = new RawJson[64];
        private RawJson[] valueStack = new RawJson[64];
        private int top;

        Scanner(byte[] b) {
            this.b = b;
            this.n = b.length;
        }

        RawJson root() {
            int p = 0;
            if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                p = 3; // byte order mark, which JsonTreeReader ignores too
            }
            pos = skipWs(p);
            if (pos >= n || b[pos] != '{') {
                throw Refused.INSTANCE;
            }
            RawJson root = object();
            pos = skipWs(pos);
            if (pos != n) {
                throw Refused.INSTANCE;
            }
            return root;
        }

        private int skipWs(int p) {
            while (p < n) {
                byte c = b[p];
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    p++;
                } else {
                    break;
                }
            }
            return p;
        }

        /** Skips whitespace; returns whether there was any. */
        private boolean ws() {
            int p = skipWs(pos);
            boolean any = p != pos;
            pos = p;
            return any;
        }

        private byte peek() {
            if (pos >= n) {
                throw Refused.INSTANCE;
            }
            return b[pos];
        }

        private RawJson value() {
            byte c = peek();
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", TRUE);
                case 'f':
                    return literal("false", FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw Refused.INSTANCE;
            }
        }

        private RawJson literal(String text, byte kind) {
            int len = text.length();
            if (pos + len > n) {
                throw Refused.INSTANCE;
            }
            for (int i = 0; i < len; i++) {
                if (b[pos + i] != text.charAt(i)) {
                    throw Refused.INSTANCE;
                }
            }
            int s = pos;
            pos += len;
            return new RawJson(kind, b, s, pos, true, null, NO_VALUES, false, true);
        }

        private RawJson number() {
            int s = pos;
            int p = pos;
            if (b[p] == '-') {
                p++;
            }
            if (p >= n) {
                throw Refused.INSTANCE;
            }
            if (b[p] == '0') {
                p++;
            } else if (b[p] >= '1' && b[p] <= '9') {
                p = digits(p);
            } else {
                throw Refused.INSTANCE;
            }
            if (p < n && b[p] == '.') {
                p = digits(p + 1);
            }
            if (p < n && (b[p] == 'e' || b[p] == 'E')) {
                p++;
                if (p < n && (b[p] == '+' || b[p] == '-')) {
                    p++;
                }
                p = digits(p);
            }
            pos = p;
            return new RawJson(NUMBER, b, s, p, true, null, NO_VALUES, false, true);
        }

        /** At least one digit from {@code p}; returns the position after the last. */
        private int digits(int p) {
            int q = p;
            while (q < n && b[q] >= '0' && b[q] <= '9') {
                q++;
            }
            if (q == p) {
                throw Refused.INSTANCE;
            }
            return q;
        }

        private RawJson string() {
            final byte[] b = this.b;
            final int n = this.n;
            int s = pos;
            int p = pos + 1;
            boolean escaped = false;
            boolean ascii = true;
            boolean canonical = true;
            while (true) {
                // the common case first: printable ASCII other than quote and backslash, 8 bytes at a time
                while (p + 8 <= n && plainAscii((long) LONGS.get(b, p))) {
                    p += 8;
                }
                while (p < n) {
                    byte c = b[p];
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        p++;
                        if ((p & 7) == 0 && p + 8 <= n) {
                            break; // back to whole words
                        }
                    } else {
                        break;
                    }
                }
                if (p < n && b[p] >= 0x20 && b[p] != '"' && b[p] != '\\') {
                    continue;
                }
                if (p >= n) {
                    throw Refused.INSTANCE;
                }
                byte c = b[p];
                if (c == '"') {
                    p++;
                    break;
                }
                if (c == '\\') {
                    escaped = true;
                    if (p + 1 >= n) {
                        throw Refused.INSTANCE;
                    }
                    byte e = b[p + 1];
                    switch (e) {
                        case '"', '\\', 'b', 'f', 'n', 'r', 't' -> p += 2;
                        case '/' -> {
                            canonical = false;
                            p += 2;
                        }
                        case 'u' -> {
                            if (p + 6 > n || hex(b[p + 2]) < 0 || hex(b[p + 3]) < 0 || hex(b[p + 4]) < 0
                                    || hex(b[p + 5]) < 0) {
                                throw Refused.INSTANCE;
                            }
                            canonical = false;
                            p += 6;
                        }
                        default -> throw Refused.INSTANCE;
                    }
                } else if (c >= 0) {
                    throw Refused.INSTANCE; // an unescaped control character
                } else {
                    ascii = false;
                    p = utf8(p);
                }
            }
            pos = p;
            return new RawJson(STRING, b, s, p, canonical, null, NO_VALUES, escaped, ascii);
        }

        /**
         * Whether none of the 8 bytes is a quote, a backslash, a control character or non-ASCII.
         * May answer false for a plain word (then the byte loop decides), never true for another.
         */
        private static boolean plainAscii(long x) {
            long quote = x ^ 0x2222222222222222L;
            long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
            long special = (quote - 0x0101010101010101L) & ~quote
                    | (backslash - 0x0101010101010101L) & ~backslash
                    | (x - 0x2020202020202020L) & ~x
                    | x;
            return (special & 0x8080808080808080L) == 0;
        }

        /** Validates one multi-byte UTF-8 sequence at {@code p} as strictly as the JDK's decoder. */
        private int utf8(int p) {
            int c = b[p] & 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                cont(p + 1, 0x80, 0xBF);
                return p + 2;
            }
            if (c >= 0xE0 && c <= 0xEF) {
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF; // no UTF-8-encoded surrogates
                cont(p + 1, lo, hi);
                cont(p + 2, 0x80, 0xBF);
                return p + 3;
            }
            if (c >= 0xF0 && c <= 0xF4) {
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                cont(p + 1, lo, hi);
                cont(p + 2, 0x80, 0xBF);
                cont(p + 3, 0x80, 0xBF);
                return p + 4;
            }
            throw Refused.INSTANCE;
        }

        private void cont(int p, int lo, int hi) {
            if (p >= n) {
                throw Refused.INSTANCE;
            }
            int c = b[p] & 0xFF;
            if (c < lo || c > hi) {
                throw Refused.INSTANCE;
            }
        }

        private void enter() {
            // the root is level 1; JsonTreeReader refuses a container opened at 512 open ones
            if (++depth > JsonTreeReader.MAX_DEPTH) {
                throw Refused.INSTANCE;
            }
        }

        private void push(RawJson key, RawJson value) {
            if (top == valueStack.length) {
                keyStack = java.util.Arrays.copyOf(keyStack, top * 2);
                valueStack = java.util.Arrays.copyOf(valueStack, top * 2);
            }
            keyStack[top] = key;
            valueStack[top] = value;
            top++;
        }

        private RawJson object() {
            enter();
            int s = pos;
            pos++; // {
            int base = top;
            boolean canonical = !ws();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    if (peek() != '"') {
                        throw Refused.INSTANCE;
                    }
                    RawJson key = string();
                    canonical &= key.canonical & !ws();
                    if (peek() != ':') {
                        throw Refused.INSTANCE;
                    }
                    pos++;
                    canonical &= !ws();
                    RawJson value = value();
                    canonical &= value.canonical & !ws();
                    push(key, value);
                    byte c = peek();
                    pos++;
                    if (c == ',') {
                        canonical &= !ws();
                    } else if (c == '}') {
                        break;
                    } else {
                        throw Refused.INSTANCE;
                    }
                }
            }
            depth--;
            int count = top - base;
            RawJson[] keys = count == 0 ? NO_VALUES : java.util.Arrays.copyOfRange(keyStack, base, top);
            RawJson[] values = count == 0 ? NO_VALUES : java.util.Arrays.copyOfRange(valueStack, base, top);
            java.util.Arrays.fill(keyStack, base, top, null);
            java.util.Arrays.fill(valueStack, base, top, null);
            top = base;
            if (hasDuplicate(keys)) {
                // as JsonObjectBuilder does: the first name's position, the last value
                Map<String, RawJson> nameKeys = new LinkedHashMap<>();
                Map<String, RawJson> nameValues = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    nameKeys.putIfAbsent(keys[i].string(), keys[i]);
                    nameValues.put(keys[i].string(), values[i]);
                }
                keys = nameKeys.values().toArray(NO_VALUES);
                values = new RawJson[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    values[i] = nameValues.get(keys[i].string());
                }
                canonical = false;
            }
            return new RawJson(OBJECT, b, s, pos, canonical, keys, values, false, true);
        }

        private static boolean hasDuplicate(RawJson[] keys) {
            int count = keys.length;
            if (count < 2) {
                return false;
            }
            if (count <= 12) {
                for (int i = 1; i < count; i++) {
                    for (int j = 0; j < i; j++) {
                        if (sameName(keys[i], keys[j])) {
                            return true;
                        }
                    }
                }
                return false;
            }
            java.util.HashSet<String> seen = new java.util.HashSet<>(count * 2);
            for (RawJson key : keys) {
                if (!seen.add(key.string())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameName(RawJson a, RawJson c) {
            if (!a.escaped && !c.escaped) {
                return java.util.Arrays.equals(a.source, a.start, a.end, c.source, c.start, c.end);
            }
            return a.string().equals(c.string());
        }

        private RawJson array() {
            enter();
            int s = pos;
            pos++; // [
            int base = top;
            boolean canonical = !ws();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    RawJson value = value();
                    canonical &= value.canonical & !ws();
                    push(null, value);
                    byte c = peek();
                    pos++;
                    if (c == ',') {
                        canonical &= !ws();
                    } else if (c == ']') {
                        break;
                    } else {
                        throw Refused.INSTANCE;
                    }
                }
            }
            depth--;
            RawJson[] values = top == base ? NO_VALUES : java.util.Arrays.copyOfRange(valueStack, base, top);
            java.util.Arrays.fill(valueStack, base, top, null);
            top = base;
            return new RawJson(ARRAY, b, s, pos, canonical, null, values, false, true);
        }
    }
}
