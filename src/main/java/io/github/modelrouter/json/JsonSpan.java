package io.github.modelrouter.json;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * One JSON value as a span {@code [start, end)} of the bytes it was scanned from, with its members
 * or elements as spans too: the rewrite copies untouched subtrees as they came in and writes only
 * what it changes, and nothing is decoded until asked for. Built only by {@link JsonScanner}.
 *
 * <p>A value is <em>canonical</em> when its bytes are exactly what {@link JsonWriter} would write
 * for it (compact, no backslash-u or {@code \/} escapes, no duplicate member names): such a value
 * may be copied raw into a compact document; any other is re-encoded from its parts.
 *
 * <p>Duplicate member names are resolved as JSON-P's {@code JsonObjectBuilder} and the SDKs do:
 * the first name's position, the last value.
 *
 * <p>A container may be <em>deferred</em> ({@link JsonScanner#parse(byte[], int)}): validated,
 * with its kind, span and canonical form known, and its members built by a second scan the first
 * time they are asked for.
 *
 * <p>Immutable after the scan apart from a lazily decoded string and a deferred container's lazily
 * built members (benign races: every thread builds the same values, and the members arrive
 * through the final fields of one {@link Members}). The source array is shared, never copied:
 * treat it as read-only.
 */
public final class JsonSpan {

    /** The JSON value types. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    static final JsonSpan[] NONE = new JsonSpan[0];

    private static final Kind[] KINDS = Kind.values();
    private static final byte CANONICAL = 1;
    private static final byte COMPACTABLE = 1 << 1;
    private static final byte ESCAPED = 1 << 2;
    private static final byte ASCII = 1 << 3;
    private static final byte NAMES_REPEATED = 1 << 4;
    private static final byte DEFERRED = 1 << 5;

    // A 300 KB Claude Code body's scan builds thousands of spans that live as long as the exchange:
    // the kind as an ordinal, the six facts below as bits of one byte and one lazily filled slot
    // keep a span at 40 bytes (compressed references) instead of 56 (PERFORMANCE.md, 2026-12-07).
    private final byte kind;
    /**
     * {@code CANONICAL}; {@code COMPACTABLE}: whether the value becomes canonical once its
     * insignificant whitespace is dropped (no string in it needs re-encoding and no object in it
     * repeats a name); strings: {@code ESCAPED} (the text holds a backslash escape) and
     * {@code ASCII}; objects: {@code NAMES_REPEATED} (the source named a member more than once,
     * merged: last value wins); containers: {@code DEFERRED} (members built only when asked for,
     * {@link #keys} and {@link #values} null).
     */
    private final byte flags;
    private final byte[] source;
    private final int start;
    private final int end;
    /** Object member names; null for every other kind. */
    private final JsonSpan[] keys;
    /** Object member values or array elements; empty for scalars. */
    private final JsonSpan[] values;
    /** A string's decoded text, or a deferred container's {@link Members}, once asked for. */
    private Object lazy;

    /** A deferred container's members, once built. */
    private record Members(JsonSpan[] keys, JsonSpan[] values, boolean namesRepeated) {
    }

    /** A scalar: a string, number or literal. */
    JsonSpan(Kind kind, byte[] source, int start, int end, boolean canonical, boolean escaped, boolean ascii) {
        this(kind, source, start, end, canonical, canonical, null, NONE, escaped, ascii, false, false);
    }

    private JsonSpan(Kind kind, byte[] source, int start, int end, boolean canonical, boolean compactable,
                     JsonSpan[] keys, JsonSpan[] values, boolean escaped, boolean ascii, boolean namesRepeated,
                     boolean deferred) {
        this.kind = (byte) kind.ordinal();
        this.flags = (byte) ((canonical ? CANONICAL : 0) | (compactable ? COMPACTABLE : 0) | (escaped ? ESCAPED : 0)
                | (ascii ? ASCII : 0) | (namesRepeated ? NAMES_REPEATED : 0) | (deferred ? DEFERRED : 0));
        this.source = source;
        this.start = start;
        this.end = end;
        this.keys = keys;
        this.values = values;
    }

    private boolean is(byte flag) {
        return (flags & flag) != 0;
    }

    /** An object ({@code keys} not null) or an array with its members built. */
    static JsonSpan container(Kind kind, byte[] source, int start, int end, boolean canonical, boolean compactable,
                              JsonSpan[] keys, JsonSpan[] values, boolean namesRepeated) {
        return new JsonSpan(kind, source, start, end, canonical, compactable, keys, values, false, true,
                namesRepeated, false);
    }

    /** An object or array whose members are built when first asked for. */
    static JsonSpan deferred(Kind kind, byte[] source, int start, int end, boolean canonical, boolean compactable) {
        return new JsonSpan(kind, source, start, end, canonical, compactable, null, null, false, true, false, true);
    }

    private Members members() {
        if (lazy instanceof Members members) {
            return members;
        }
        JsonSpan full = JsonScanner.expand(this);
        Members members = new Members(full.keys, full.values, full.is(NAMES_REPEATED));
        lazy = members;
        return members;
    }

    private JsonSpan[] keys() {
        return is(DEFERRED) ? members().keys() : keys;
    }

    private JsonSpan[] values() {
        return is(DEFERRED) ? members().values() : values;
    }

    public Kind kind() {
        return KINDS[kind];
    }

    /** The bytes this value lies in (shared, read only). */
    public byte[] source() {
        return source;
    }

    /** Offset of the value's first byte in {@link #source()}. */
    public int start() {
        return start;
    }

    /** Offset just after the value's last byte. */
    public int end() {
        return end;
    }

    /** Whether {@code source[start, end)} is exactly what {@link JsonWriter} writes for this value. */
    public boolean canonical() {
        return is(CANONICAL);
    }

    /**
     * Whether dropping the insignificant whitespace from {@code source[start, end)} gives exactly
     * what {@link JsonWriter} writes for this value (true whenever {@link #canonical()} is): no
     * string in it is re-encoded and no object in it names a member twice.
     */
    public boolean compactable() {
        return is(COMPACTABLE);
    }

    public boolean isObject() {
        return kind() == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind() == Kind.ARRAY;
    }

    public boolean isString() {
        return kind() == Kind.STRING;
    }

    /**
     * Whether this object's source named some member more than once; its members are then the
     * merged ones (each name once, with its last value). False for every other kind.
     */
    public boolean namesRepeated() {
        return is(DEFERRED) ? members().namesRepeated() : is(NAMES_REPEATED);
    }

    /** Members of an object, elements of an array, 0 for a scalar. */
    public int size() {
        return values().length;
    }

    /** The name of member {@code i} (a string span); objects only. */
    public JsonSpan key(int i) {
        return keys()[i];
    }

    /** The value of member {@code i}, or element {@code i} of an array. */
    public JsonSpan value(int i) {
        return values()[i];
    }

    /** The value of member {@code name}, or {@code null} (also for anything but an object). */
    public JsonSpan get(String name) {
        if (kind() != Kind.OBJECT) {
            return null;
        }
        JsonSpan[] keys = keys();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].stringEquals(name)) {
                return values()[i];
            }
        }
        return null;
    }

    /** A string's decoded text. */
    public String string() {
        if (lazy instanceof String s) {
            return s;
        }
        String s = decode();
        lazy = s;
        return s;
    }

    /** The member {@code name} when it is a string, else {@code null}. */
    public String stringMember(String name) {
        JsonSpan value = get(name);
        return value != null && value.isString() ? value.string() : null;
    }

    /** Whether this is a string whose text equals {@code text}. */
    public boolean stringEquals(String text) {
        if (kind() != Kind.STRING) {
            return false;
        }
        if ((flags & (ESCAPED | ASCII)) == ASCII) {
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

    /** Whether a string's text holds a backslash escape (else its UTF-8 is the source bytes). */
    public boolean hasEscapes() {
        return is(ESCAPED);
    }

    /** Whether a string is the empty string. */
    public boolean isEmptyString() {
        return kind() == Kind.STRING && end - start == 2;
    }

    /**
     * A number written as a plain integer ({@code -?digits}, no fraction or exponent) that fits a
     * long; empty for anything else, as JSON-P's {@code isIntegral} plus {@code longValueExact} do.
     */
    public OptionalLong integer() {
        if (kind() != Kind.NUMBER) {
            return OptionalLong.empty();
        }
        int p = start;
        boolean negative = source[p] == '-';
        if (negative) {
            p++;
        }
        int digits = end - p;
        if (digits > 18) {
            return digits == 19 ? parseWide(p, negative) : OptionalLong.empty();
        }
        long value = 0;
        for (int i = p; i < end; i++) {
            byte c = source[i];
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
        }
        return OptionalLong.of(negative ? -value : value);
    }

    private OptionalLong parseWide(int p, boolean negative) {
        try {
            String text = new String(source, p, end - p, StandardCharsets.US_ASCII);
            return OptionalLong.of(Long.parseLong(negative ? "-" + text : text));
        } catch (NumberFormatException notAPlainLong) {
            return OptionalLong.empty();
        }
    }

    private String decode() {
        int from = start + 1;
        int to = end - 1;
        if (!is(ESCAPED)) {
            return new String(source, from, to - from, is(ASCII) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
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

    static int hex(byte b) {
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

    /** Names the kind and span only: a body may hold anything a user typed. */
    @Override
    public String toString() {
        return "JsonSpan[" + kind() + " " + start + ".." + end + "]";
    }
}
