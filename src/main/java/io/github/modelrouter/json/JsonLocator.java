package io.github.modelrouter.json;

import java.util.Arrays;

/**
 * The lenient member of the scanner family: finds where a member's value starts in an upstream's
 * small JSON document (an SSE event's data) without building or allocating anything, where
 * {@link JsonScanner} would build a span per value. Used on every streamed event, so it must cost
 * no more than a look at the bytes.
 *
 * <p>It assumes the text is JSON and answers {@link #NOT_FOUND} when the structure it expects is
 * not there. Member names are compared as raw bytes, so a name written with escapes
 * ({@code "\u0069ndex"}) is not recognised; no upstream writes names that way. Stateless.
 */
public final class JsonLocator {

    public static final int NOT_FOUND = -1;

    private JsonLocator() {
    }

    /** The first position at or after {@code pos} that is not JSON whitespace, or {@code to}. */
    private static int skipWhitespace(byte[] text, int pos, int to) {
        while (pos < to) {
            byte b = text[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            pos++;
        }
        return pos;
    }

    /** The end (exclusive) of the string whose opening quote is at {@code pos}, or -1. */
    private static int skipString(byte[] text, int pos, int to) {
        int p = pos + 1;
        while (true) {
            p = ByteSearch.indexOfEither(text, p, to, (byte) '"', (byte) '\\');
            if (p >= to) {
                return NOT_FOUND;
            }
            if (text[p] == '"') {
                return p + 1;
            }
            p += 2; // the escaped character, whatever it is
        }
    }

    /** The end (exclusive) of the value that starts at {@code pos}, or -1 when it is cut short. */
    private static int skipValue(byte[] text, int pos, int to) {
        if (pos >= to) {
            return NOT_FOUND;
        }
        byte first = text[pos];
        if (first == '"') {
            return skipString(text, pos, to);
        }
        if (first == '{' || first == '[') {
            return skipContainer(text, pos, to);
        }
        int p = pos;
        while (p < to && !isDelimiter(text[p])) {
            p++;
        }
        return p == pos ? NOT_FOUND : p;
    }

    private static int skipContainer(byte[] text, int pos, int to) {
        int depth = 0;
        for (int p = pos; p < to; p++) {
            byte b = text[p];
            if (b == '"') {
                p = skipString(text, p, to);
                if (p < 0) {
                    return NOT_FOUND;
                }
                p--;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return p + 1;
            }
        }
        return NOT_FOUND;
    }

    /**
     * Where the value of the member {@code name} of the object starting (after whitespace) at
     * {@code from} begins, or -1. Only that object's own members are looked at, never nested ones.
     * When the name occurs more than once the last occurrence is the one, as for the SDKs that
     * read the event after us; structure that breaks after a match leaves the match standing.
     */
    public static int findMember(byte[] text, int from, int to, byte[] name) {
        int p = skipWhitespace(text, from, to);
        if (p >= to || text[p] != '{') {
            return NOT_FOUND;
        }
        int found = NOT_FOUND;
        p++;
        while (true) {
            p = skipWhitespace(text, p, to);
            if (p >= to || text[p] != '"') {
                return found;
            }
            int keyEnd = skipString(text, p, to);
            if (keyEnd < 0) {
                return found;
            }
            boolean match = ByteSearch.regionEquals(text, p + 1, keyEnd - 1, name);
            p = skipWhitespace(text, keyEnd, to);
            if (p >= to || text[p] != ':') {
                return found;
            }
            p = skipWhitespace(text, p + 1, to);
            if (match && p < to) {
                found = p;
            }
            p = skipValue(text, p, to);
            if (p < 0) {
                return found;
            }
            p = skipWhitespace(text, p, to);
            if (p >= to || text[p] != ',') {
                return found;
            }
            p++;
        }
    }

    /**
     * {@link #findMember(byte[], int, int, byte[])} with a shortcut for documents that begin with
     * {@code knownStart}: the bytes an upstream writes before this member every time, from the
     * opening brace to the member's colon, e.g. <code>{"type":"content_block_delta","index":</code>
     * (its members plain: no escapes, no nesting). Then the value is right after it, and it is the
     * last occurrence unless the name in quotes appears again later: a later member of that name
     * needs exactly those bytes, since names are compared as raw bytes. That leaves one search for
     * a rare byte where the full walk would step through every member and nested value; any other
     * document gets the full walk, so the answer is always the same.
     */
    public static int findMember(byte[] text, int from, int to, byte[] name, byte[] knownStart) {
        int afterStart = from + knownStart.length;
        if (afterStart <= to && ByteSearch.regionEquals(text, from, afterStart, knownStart)) {
            int p = skipWhitespace(text, afterStart, to);
            if (p < to && !containsQuoted(text, p, to, name)) {
                return p;
            }
        }
        return findMember(text, from, to, name);
    }

    /** Whether {@code "name"} (quotes included) occurs in {@code text[from, to)}. */
    private static boolean containsQuoted(byte[] text, int from, int to, byte[] name) {
        // found by its last letter and the closing quote: in prose a word ending a string is rare,
        // where the last letter alone (the x of "index") is not
        byte last = name[name.length - 1];
        int p = from + name.length; // the earliest position of the last letter, with its opening quote before it
        while (true) {
            p = ByteSearch.indexOfPair(text, p, to, last, (byte) '"');
            if (p >= to) {
                return false;
            }
            int nameFrom = p + 1 - name.length;
            if (text[nameFrom - 1] == '"' && ByteSearch.regionEquals(text, nameFrom, p + 1, name)) {
                return true;
            }
            p++;
        }
    }

    /**
     * The end (exclusive) of a plain non-negative integer of at most 9 digits at {@code pos}, or
     * -1 when the value there is anything else (a fraction, an exponent, a sign, a string).
     */
    public static int integerEnd(byte[] text, int pos, int to) {
        int p = pos;
        while (p < to && p - pos <= 9 && text[p] >= '0' && text[p] <= '9') {
            p++;
        }
        int digits = p - pos;
        if (digits == 0 || digits > 9 || (p < to && !isDelimiter(text[p]))) {
            return NOT_FOUND;
        }
        return p;
    }

    /** Whether the string value at {@code pos} is exactly {@code expected} (raw bytes, no escapes). */
    public static boolean stringEquals(byte[] text, int pos, int to, byte[] expected) {
        int end = pos + expected.length + 2;
        return end <= to && text[pos] == '"' && text[end - 1] == '"'
                && Arrays.equals(text, pos + 1, end - 1, expected, 0, expected.length);
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
