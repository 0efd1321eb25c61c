package io.github.modelrouter.json;

import io.github.modelrouter.json.JsonSpan.Kind;
import io.github.modelrouter.json.JsonSyntaxException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one strict JSON scanner: RFC 8259 over bytes (strict UTF-8 inside strings, nothing but JSON
 * whitespace around the value, an optional UTF-8 byte order mark first), building a
 * {@link JsonSpan} tree over the caller's array without copying it.
 *
 * <p>Bounded: nesting deeper than {@value #MAX_DEPTH} levels, or more values than
 * {@link #maxValues(int)} for the input's size, is refused, so what a scan holds in memory is at
 * most a fixed multiple of the bytes scanned (a span costs about 60 bytes; {@code [0,0,0,…]} would
 * otherwise cost 30 bytes of heap per byte of input).
 *
 * <p>Stateless; each call scans on the caller's thread with its own small stacks.
 */
public final class JsonScanner {

    /** Deepest nesting of objects and arrays accepted (the outermost is level 1). */
    public static final int MAX_DEPTH = 512;

    private JsonScanner() {
    }

    /**
     * Most values a scan of {@code length} bytes may hold: one per four bytes, plus room for small
     * documents. Real requests have one value per 8–20 bytes (tool schemas, prose in strings).
     */
    public static int maxValues(int length) {
        return length / 4 + 4096;
    }

    /** Scans the whole array as one JSON value. */
    public static JsonSpan parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Scans {@code bytes[from, to)} as one JSON value.
     *
     * @throws JsonSyntaxException saying why the bytes are not one bounded JSON value
     */
    public static JsonSpan parse(byte[] bytes, int from, int to) {
        return new Scan(bytes, from, to, Integer.MAX_VALUE, true).document();
    }

    /**
     * As {@link #parse(byte[])}, building spans only for the outer {@code eagerLevels} levels of
     * nesting: a container deeper than that is validated in full (the same refusals, at the same
     * offsets, and the same {@link JsonSpan#canonical()}) but gets its members only when first
     * asked for them, by a second scan of its bytes. For a body whose consumer reads its outer
     * levels and copies the rest as it came (the request rewrite): most of a Claude Code body's
     * values lie in tool schemas and tool inputs below level 5, and their spans were half of what
     * the scan allocated (JMH {@code parseOnly -prof gc}: 204 KB, now 99 KB, per 300 KB body).
     */
    public static JsonSpan parse(byte[] bytes, int eagerLevels) {
        return new Scan(bytes, 0, bytes.length, eagerLevels, true).document();
    }

    /** The members of a container {@link #parse(byte[], int)} left unbuilt, from its bytes, already validated. */
    static JsonSpan expand(JsonSpan deferred) {
        Scan scan = new Scan(deferred.source(), deferred.start(), deferred.end(), Integer.MAX_VALUE, false);
        return scan.value();
    }

    /** As {@link #parse(byte[], int, int)}, but {@code null} for anything it refuses. */
    public static JsonSpan tryParse(byte[] bytes, int from, int to) {
        try {
            return parse(bytes, from, to);
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    /** One scan: positions, depth and the shared child stacks. */
    private static final class Scan {
        private final byte[] b;
        private final int n;
        private final int maxValues;
        /** Containers at a deeper level than this are validated without spans (deferred). */
        private final int eagerLevels;
        private int pos;
        private int depth;
        private int valueCount;
        /** Shared child stacks: a container's children are copied out when it closes. */
        private JsonSpan[] keyStack = new JsonSpan[64];
        private JsonSpan[] valueStack = new JsonSpan[64];
        private int top;
        /** The deferred scan's member names, as {@code [start, end)} pairs, shared like the stacks. */
        private int[] names = new int[32];
        private int nameTop;
        /** What the last string scanned held: a backslash escape; bytes other than ASCII. */
        private boolean lastEscaped;
        private boolean lastAscii;
        /**
         * How many things scanned so far keep a value from being canonical other than whitespace
         * (a string the writer re-encodes, an object repeating a name): a container is
         * {@link JsonSpan#compactable()} when the count did not move while it was scanned.
         */
        private int irregular;

        /**
         * @param bounded whether the depth and values-per-byte limits apply (not when expanding a
         *     deferred container: its bytes passed them as part of the whole document)
         */
        Scan(byte[] b, int from, int to, int eagerLevels, boolean bounded) {
            this.b = b;
            this.n = to;
            this.pos = from;
            this.eagerLevels = eagerLevels;
            this.maxValues = bounded ? maxValues(to - from) : Integer.MAX_VALUE;
            this.depth = bounded ? 0 : Integer.MIN_VALUE / 2;
        }

        JsonSpan document() {
            int p = pos;
            if (n - p >= 3 && (b[p] & 0xFF) == 0xEF && (b[p + 1] & 0xFF) == 0xBB && (b[p + 2] & 0xFF) == 0xBF) {
                p += 3; // RFC 8259 §8.1: a parser may ignore a byte order mark
            }
            pos = skipWs(p);
            if (pos >= n) {
                throw new JsonSyntaxException(Reason.EMPTY, pos, "empty body");
            }
            JsonSpan root = value();
            pos = skipWs(pos);
            if (pos != n) {
                throw syntax("unexpected " + describe(b[pos]) + " after the value");
            }
            return root;
        }

        private JsonSyntaxException syntax(String what) {
            return new JsonSyntaxException(Reason.SYNTAX, pos, what + " at offset " + pos);
        }

        private JsonSyntaxException endOfInput() {
            return syntax("unexpected end of input");
        }

        private static String describe(byte c) {
            if (c >= 0x21 && c < 0x7F) {
                return "character '" + (char) c + "'";
            }
            return String.format("byte 0x%02x", c & 0xFF);
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

        /** Skips whitespace; answers whether there was any. */
        private boolean ws() {
            int p = skipWs(pos);
            boolean any = p != pos;
            pos = p;
            return any;
        }

        private byte peek() {
            if (pos >= n) {
                throw endOfInput();
            }
            return b[pos];
        }

        private void counted() {
            if (++valueCount > maxValues) {
                throw new JsonSyntaxException(Reason.TOO_MANY_VALUES, pos,
                        "more than " + maxValues + " values for " + (n) + " bytes");
            }
        }

        private JsonSpan value() {
            counted();
            byte c = peek();
            switch (c) {
                case '{':
                    return depth >= eagerLevels ? deferred(true) : container(true);
                case '[':
                    return depth >= eagerLevels ? deferred(false) : container(false);
                case '"':
                    return string();
                case 't':
                    return literal("true", Kind.TRUE);
                case 'f':
                    return literal("false", Kind.FALSE);
                case 'n':
                    return literal("null", Kind.NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw syntax("unexpected " + describe(c));
            }
        }

        private JsonSpan literal(String text, Kind kind) {
            int s = pos;
            skipLiteral(text);
            return new JsonSpan(kind, b, s, pos, true, false, true);
        }

        private void skipLiteral(String text) {
            int len = text.length();
            for (int i = 0; i < len; i++) {
                if (pos + i >= n) {
                    pos += i;
                    throw endOfInput();
                }
                if (b[pos + i] != text.charAt(i)) {
                    pos += i;
                    throw syntax("invalid literal");
                }
            }
            pos += len;
        }

        private JsonSpan number() {
            int s = pos;
            skipNumber();
            return new JsonSpan(Kind.NUMBER, b, s, pos, true, false, true);
        }

        private void skipNumber() {
            int p = pos;
            if (b[p] == '-') {
                p++;
            }
            if (p < n && b[p] == '0') {
                p++;
            } else if (p < n && b[p] >= '1' && b[p] <= '9') {
                p = digits(p);
            } else {
                pos = p;
                throw syntax("invalid number");
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
        }

        /** At least one digit from {@code p}; answers the position after the last. */
        private int digits(int p) {
            int q = p;
            while (q < n && b[q] >= '0' && b[q] <= '9') {
                q++;
            }
            if (q == p) {
                pos = p;
                throw syntax("invalid number");
            }
            return q;
        }

        private JsonSpan string() {
            int s = pos;
            boolean canonical = skipString();
            return new JsonSpan(Kind.STRING, b, s, pos, canonical, lastEscaped, lastAscii);
        }

        /** Scans the string at {@code pos}; answers whether it is canonical, and notes what it held. */
        private boolean skipString() {
            final byte[] b = this.b;
            final int n = this.n;
            int p = pos + 1;
            boolean escaped = false;
            boolean ascii = true;
            boolean canonical = true;
            while (true) {
                // the common case: printable ASCII other than quote and backslash
                p = ByteSearch.plainTextEnd(b, p, n);
                if (p >= n) {
                    pos = p;
                    throw endOfInput();
                }
                byte c = b[p];
                if (c == '"') {
                    p++;
                    break;
                }
                if (c == '\\') {
                    escaped = true;
                    byte kind = p + 1 < n ? b[p + 1] : 0;
                    p = escape(p);
                    // the writer never writes these two forms, so such a string is re-encoded
                    canonical &= kind != '/' && kind != 'u';
                } else if (c >= 0) {
                    pos = p;
                    throw syntax("unescaped control character in a string");
                } else {
                    ascii = false;
                    p = utf8(p);
                }
            }
            pos = p;
            lastEscaped = escaped;
            lastAscii = ascii;
            if (!canonical) {
                irregular++;
            }
            return canonical;
        }

        /** Validates the escape whose backslash is at {@code p}; answers the position after it. */
        private int escape(int p) {
            if (p + 1 >= n) {
                pos = p + 1;
                throw endOfInput();
            }
            switch (b[p + 1]) {
                case '"', '\\', 'b', 'f', 'n', 'r', 't', '/':
                    return p + 2;
                case 'u':
                    if (p + 6 > n) {
                        pos = n;
                        throw endOfInput();
                    }
                    if (JsonSpan.hex(b[p + 2]) < 0 || JsonSpan.hex(b[p + 3]) < 0 || JsonSpan.hex(b[p + 4]) < 0
                            || JsonSpan.hex(b[p + 5]) < 0) {
                        pos = p;
                        throw syntax("invalid unicode escape");
                    }
                    return p + 6;
                default:
                    pos = p;
                    throw syntax("invalid escape");
            }
        }

        /** Validates one multi-byte UTF-8 sequence at {@code p} as strictly as the JDK's decoder. */
        private int utf8(int p) {
            int c = b[p] & 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                cont(p, 1, 0x80, 0xBF);
                return p + 2;
            }
            if (c >= 0xE0 && c <= 0xEF) {
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF; // no UTF-8-encoded surrogates
                cont(p, 1, lo, hi);
                cont(p, 2, 0x80, 0xBF);
                return p + 3;
            }
            if (c >= 0xF0 && c <= 0xF4) {
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                cont(p, 1, lo, hi);
                cont(p, 2, 0x80, 0xBF);
                cont(p, 3, 0x80, 0xBF);
                return p + 4;
            }
            throw notUtf8(p);
        }

        private void cont(int lead, int i, int lo, int hi) {
            int p = lead + i;
            if (p >= n) {
                throw notUtf8(lead);
            }
            int c = b[p] & 0xFF;
            if (c < lo || c > hi) {
                throw notUtf8(lead);
            }
        }

        private JsonSyntaxException notUtf8(int p) {
            pos = p;
            return new JsonSyntaxException(Reason.UTF8, p, "invalid UTF-8 at offset " + p);
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new JsonSyntaxException(Reason.TOO_DEEP, pos, "nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void push(JsonSpan key, JsonSpan value) {
            if (top == valueStack.length) {
                keyStack = Arrays.copyOf(keyStack, top * 2);
                valueStack = Arrays.copyOf(valueStack, top * 2);
            }
            keyStack[top] = key;
            valueStack[top] = value;
            top++;
        }

        /** After a member or element: a comma (answers false) or the closing bracket (true). */
        private boolean closes(char close) {
            byte c = peek();
            if (c == ',') {
                pos++;
                return false;
            }
            if (c == close) {
                pos++;
                return true;
            }
            throw syntax("expected ',' or '" + close + "' but found " + describe(c));
        }

        /** An object or an array: members (name, value) or elements, then the closing bracket. */
        private JsonSpan container(boolean isObject) {
            enter();
            int s = pos;
            pos++; // { or [
            char close = isObject ? '}' : ']';
            int base = top;
            int irregularBefore = irregular;
            boolean canonical = !ws();
            if (peek() == close) {
                pos++;
            } else {
                while (true) {
                    JsonSpan key = null;
                    if (isObject) {
                        key = memberName();
                        canonical &= key.canonical() & !ws();
                        colon();
                        canonical &= !ws();
                    }
                    JsonSpan value = value();
                    canonical &= value.canonical() & !ws();
                    push(key, value);
                    if (closes(close)) {
                        break;
                    }
                    canonical &= !ws();
                }
            }
            depth--;
            return finish(isObject, s, base, canonical, irregular == irregularBefore);
        }

        /**
         * The scanned container from its members on the stacks, an object's repeated names merged;
         * a method of its own so that its locals stay out of the recursive scan's frame (the
         * deepest accepted body must fit a small stack).
         */
        private JsonSpan finish(boolean isObject, int s, int base, boolean canonical, boolean compactable) {
            JsonSpan[] values = top == base ? JsonSpan.NONE : Arrays.copyOfRange(valueStack, base, top);
            JsonSpan[] keys = !isObject ? null : top == base ? JsonSpan.NONE : Arrays.copyOfRange(keyStack, base, top);
            // no clearing: every span left on the stacks is in the tree being built anyway
            top = base;
            if (!isObject) {
                return JsonSpan.container(Kind.ARRAY, b, s, pos, canonical, compactable, null, values, false);
            }
            if (!hasDuplicate(keys)) {
                return JsonSpan.container(Kind.OBJECT, b, s, pos, canonical, compactable, keys, values, false);
            }
            irregular++;
            JsonSpan[][] merged = lastValueWins(keys, values);
            return JsonSpan.container(Kind.OBJECT, b, s, pos, false, false, merged[0], merged[1], true);
        }

        private JsonSpan memberName() {
            expectName();
            return string();
        }

        private void expectName() {
            if (peek() != '"') {
                throw syntax("expected a member name but found " + describe(b[pos]));
            }
        }

        /**
         * A container below the eager levels: validated exactly as {@link #container} does, in the
         * same order (so the same refusal at the same offset), its canonical form decided the same
         * way, and no span built for anything inside it.
         */
        private JsonSpan deferred(boolean isObject) {
            int s = pos;
            int irregularBefore = irregular;
            boolean canonical = skipContainer(isObject);
            return JsonSpan.deferred(isObject ? Kind.OBJECT : Kind.ARRAY, b, s, pos, canonical,
                    irregular == irregularBefore);
        }

        /** Answers whether the value at {@code pos} is canonical, and moves past it. */
        private boolean skipValue() {
            counted();
            byte c = peek();
            switch (c) {
                case '{':
                    return skipContainer(true);
                case '[':
                    return skipContainer(false);
                case '"':
                    return skipString();
                case 't':
                    skipLiteral("true");
                    return true;
                case 'f':
                    skipLiteral("false");
                    return true;
                case 'n':
                    skipLiteral("null");
                    return true;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        skipNumber();
                        return true;
                    }
                    throw syntax("unexpected " + describe(c));
            }
        }

        private boolean skipContainer(boolean isObject) {
            enter();
            pos++; // { or [
            char close = isObject ? '}' : ']';
            int base = nameTop;
            int irregularBefore = irregular;
            boolean canonical = !ws();
            boolean namesEscaped = false;
            if (peek() == close) {
                pos++;
            } else {
                while (true) {
                    if (isObject) {
                        expectName();
                        int nameStart = pos;
                        canonical &= skipString();
                        namesEscaped |= lastEscaped;
                        pushName(nameStart, pos);
                        canonical &= !ws();
                        colon();
                        canonical &= !ws();
                    }
                    canonical &= skipValue() & !ws();
                    if (closes(close)) {
                        break;
                    }
                    canonical &= !ws();
                }
            }
            depth--;
            // the names are compared only while no irregularity makes the answer moot
            if (isObject && irregular == irregularBefore && namesRepeat(base, namesEscaped)) {
                canonical = false;
                irregular++;
            }
            nameTop = base;
            return canonical;
        }

        private void pushName(int start, int end) {
            if (nameTop + 2 > names.length) {
                names = Arrays.copyOf(names, names.length * 2);
            }
            names[nameTop++] = start;
            names[nameTop++] = end;
        }

        /**
         * Whether the names in {@code names[base, nameTop)} repeat one, by the same test as
         * {@link #hasDuplicate}: their bytes when none is escaped, else their decoded text.
         */
        private boolean namesRepeat(int base, boolean escaped) {
            int count = (nameTop - base) / 2;
            if (count < 2) {
                return false;
            }
            if (escaped || count > 12) {
                Set<String> seen = new HashSet<>(count * 2);
                for (int i = base; i < nameTop; i += 2) {
                    // without escapes a name's bytes are its identity: one char per byte compares them
                    String name = escaped
                            ? new Scan(b, names[i], names[i + 1], Integer.MAX_VALUE, false).string().string()
                            : new String(b, names[i], names[i + 1] - names[i], StandardCharsets.ISO_8859_1);
                    if (!seen.add(name)) {
                        return true;
                    }
                }
                return false;
            }
            for (int i = base + 2; i < nameTop; i += 2) {
                for (int j = base; j < i; j += 2) {
                    if (Arrays.equals(b, names[i], names[i + 1], b, names[j], names[j + 1])) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void colon() {
            if (peek() != ':') {
                throw syntax("expected ':' but found " + describe(b[pos]));
            }
            pos++;
        }

        /** As JsonObjectBuilder does: each name at its first position, with its last value. */
        private static JsonSpan[][] lastValueWins(JsonSpan[] keys, JsonSpan[] values) {
            Map<String, JsonSpan> nameKeys = new LinkedHashMap<>();
            Map<String, JsonSpan> nameValues = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                nameKeys.putIfAbsent(keys[i].string(), keys[i]);
                nameValues.put(keys[i].string(), values[i]);
            }
            JsonSpan[] uniqueKeys = nameKeys.values().toArray(JsonSpan.NONE);
            JsonSpan[] uniqueValues = new JsonSpan[uniqueKeys.length];
            for (int i = 0; i < uniqueKeys.length; i++) {
                uniqueValues[i] = nameValues.get(uniqueKeys[i].string());
            }
            return new JsonSpan[][] {uniqueKeys, uniqueValues};
        }

        private static boolean hasDuplicate(JsonSpan[] keys) {
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
            Set<String> seen = new HashSet<>(count * 2);
            for (JsonSpan key : keys) {
                if (!seen.add(key.string())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameName(JsonSpan a, JsonSpan c) {
            if (!a.hasEscapes() && !c.hasEscapes()) {
                return Arrays.equals(a.source(), a.start(), a.end(), c.source(), c.start(), c.end());
            }
            return a.string().equals(c.string());
        }
    }
}
