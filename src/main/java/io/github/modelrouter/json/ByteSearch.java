package io.github.modelrouter.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first of two byte values in a range, eight bytes at a time: the inner loop of every
 * scan that skips plain text, such as a JSON string's content (up to a quote or a backslash) or an
 * SSE line (up to LF or CR). Streamed answers are mostly such text, so this loop is where a
 * proxy's per-byte cost goes; a byte-at-a-time loop is several times slower. Stateless.
 */
public final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    /** Bytes below this are control characters, which a JSON string may not hold raw. */
    private static final long CONTROL_BOUND = ONES * 0x20;
    /** Printable ASCII other than quote and backslash: what a string's text holds as it is. */
    private static final boolean[] PLAIN_TEXT = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN_TEXT[c] = c != '"' && c != '\\';
        }
    }

    private ByteSearch() {
    }

    /** The first position in {@code bytes[from, to)} holding {@code a} or {@code b}, or {@code to}. */
    public static int indexOfEither(byte[] bytes, int from, int to, byte a, byte b) {
        long spreadA = ONES * (a & 0xFF);
        long spreadB = ONES * (b & 0xFF);
        int p = from;
        // two words a step: one branch for 16 bytes, and the loads overlap
        for (; p <= to - 2 * Long.BYTES; p += 2 * Long.BYTES) {
            long first = matches((long) LONGS.get(bytes, p), spreadA, spreadB);
            long second = matches((long) LONGS.get(bytes, p + Long.BYTES), spreadA, spreadB);
            if ((first | second) != 0) {
                return first != 0 ? p + (Long.numberOfTrailingZeros(first) >>> 3)
                        : p + Long.BYTES + (Long.numberOfTrailingZeros(second) >>> 3);
            }
        }
        for (; p <= to - Long.BYTES; p += Long.BYTES) {
            long found = matches((long) LONGS.get(bytes, p), spreadA, spreadB);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; p < to; p++) {
            byte c = bytes[p];
            if (c == a || c == b) {
                return p;
            }
        }
        return to;
    }

    /**
     * The first position {@code i} in {@code bytes[from, to - 1)} where {@code bytes[i] == a} and
     * {@code bytes[i + 1] == b}, or {@code to}. A word at {@code p} and the word one byte later are
     * tested together, so a pair costs one pass whether or not its first byte is common on its own
     * (an {@code x} in prose, where the pair {@code x"} ends a string that ends in x).
     */
    public static int indexOfPair(byte[] bytes, int from, int to, byte a, byte b) {
        long spreadA = ONES * (a & 0xFF);
        long spreadB = ONES * (b & 0xFF);
        int p = from;
        for (; p <= to - Long.BYTES - 1; p += Long.BYTES) {
            long pairs = zeroBytes((long) LONGS.get(bytes, p) ^ spreadA)
                    & zeroBytes((long) LONGS.get(bytes, p + 1) ^ spreadB);
            if (pairs != 0) {
                return p + (Long.numberOfTrailingZeros(pairs) >>> 3);
            }
        }
        for (; p < to - 1; p++) {
            if (bytes[p] == a && bytes[p + 1] == b) {
                return p;
            }
        }
        return to;
    }

    /**
     * The high bit of every zero byte of {@code word}, exact for every byte (no borrow runs from
     * one byte into the next: the low seven bits are added without carrying out of the byte), so
     * two such masks can be combined.
     */
    private static long zeroBytes(long word) {
        long lows = ~HIGHS;
        return ~(((word & lows) + lows) | word | lows);
    }

    /**
     * The high bit of each byte of {@code word} that is a or b, exact up to the first such byte.
     * A byte of {@code word ^ spread} is zero where the word holds that value; the classic
     * zero-byte test is exact for the lowest zero byte (borrows only run upwards from a zero), and
     * little-endian order makes the lowest byte the first in the array.
     */
    private static long matches(long word, long spreadA, long spreadB) {
        long matchA = word ^ spreadA;
        long matchB = word ^ spreadB;
        return ((matchA - ONES) & ~matchA | (matchB - ONES) & ~matchB) & HIGHS;
    }

    /**
     * The first position in {@code bytes[from, to)} that ends a run of plain JSON string text, or
     * {@code to}: a quote, a backslash, a control character or a non-ASCII byte, the bytes a
     * string's scan must look at. The first eight bytes go one at a time (member names, ids and
     * other short strings end there: a table lookup is quickest for them), then a word at a time,
     * for the prose and tool descriptions that make up most of a large request.
     */
    public static int plainTextEnd(byte[] bytes, int from, int to) {
        int p = from;
        for (int stop = Math.min(to, from + Long.BYTES); p < stop; p++) {
            if (!PLAIN_TEXT[bytes[p] & 0xFF]) {
                return p;
            }
        }
        for (; p <= to - Long.BYTES; p += Long.BYTES) {
            long special = specialTextBytes((long) LONGS.get(bytes, p));
            if (special != 0) {
                return p + (Long.numberOfTrailingZeros(special) >>> 3);
            }
        }
        while (p < to && PLAIN_TEXT[bytes[p] & 0xFF]) {
            p++;
        }
        return p;
    }

    /**
     * The high bit of each byte of {@code word} that is not plain text, exact up to the first
     * such byte. Each test below flags its own lowest hit exactly and may flag bytes above it
     * (borrows run upwards), so the lowest bit of their union is always a true hit.
     */
    private static long specialTextBytes(long word) {
        long quote = word ^ QUOTES;
        long backslash = word ^ BACKSLASHES;
        long control = (word - CONTROL_BOUND) & ~word;
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | control | word) & HIGHS;
    }

    /**
     * Whether {@code bytes[from, to)} is exactly {@code expected}: names and known prefixes of a
     * few dozen bytes, compared a word at a time (the last word overlapping the one before).
     */
    public static boolean regionEquals(byte[] bytes, int from, int to, byte[] expected) {
        int length = expected.length;
        if (to - from != length) {
            return false;
        }
        if (length < Long.BYTES) {
            for (int i = 0; i < length; i++) {
                if (bytes[from + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length - Long.BYTES; i += Long.BYTES) {
            if ((long) LONGS.get(bytes, from + i) != (long) LONGS.get(expected, i)) {
                return false;
            }
        }
        return (long) LONGS.get(bytes, to - Long.BYTES) == (long) LONGS.get(expected, length - Long.BYTES);
    }
}
