package io.github.modelrouter.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

    /** Every range of random arrays, with bytes close to the targets (one bit off, high bit set). */
    @Test
    void findsTheFirstOfEitherByteLikeAPlainLoop() {
        byte[][] pairs = {{'\n', '\r'}, {'"', '\\'}, {(byte) 0xFF, 0}, {(byte) 0x80, (byte) 0x8A}};
        Random random = new Random(1);
        for (byte[] pair : pairs) {
            byte[] near = {pair[0], pair[1], (byte) (pair[0] ^ 0x80), (byte) (pair[1] ^ 0x80), (byte) (pair[0] ^ 1),
                (byte) (pair[1] + 1), 'a', (byte) 0xC3, 0, 1};
            for (int round = 0; round < 300; round++) {
                byte[] bytes = new byte[random.nextInt(40)];
                int density = 1 + random.nextInt(30);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = random.nextInt(density) == 0 ? near[random.nextInt(2)] : near[2 + random.nextInt(near.length - 2)];
                }
                for (int from = 0; from <= bytes.length; from++) {
                    for (int to = from; to <= bytes.length; to++) {
                        assertEquals(plain(bytes, from, to, pair[0], pair[1]),
                                ByteSearch.indexOfEither(bytes, from, to, pair[0], pair[1]));
                    }
                }
            }
        }
    }

    /** Every range of random arrays dense in both bytes and their near misses, against a plain loop. */
    @Test
    void findsTheFirstPairLikeAPlainLoop() {
        byte[][] pairs = {{'x', '"'}, {'"', '"'}, {0, 0}, {(byte) 0xFF, (byte) 0x80}, {1, 0}};
        Random random = new Random(4);
        for (byte[] pair : pairs) {
            byte[] near = {pair[0], pair[1], (byte) (pair[0] ^ 0x80), (byte) (pair[1] ^ 0x80), (byte) (pair[0] ^ 1),
                (byte) (pair[1] + 1), (byte) (pair[0] - 1), 'a', 0, 1, (byte) 0x7F};
            for (int round = 0; round < 300; round++) {
                byte[] bytes = new byte[random.nextInt(40)];
                int density = 1 + random.nextInt(6);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = random.nextInt(density) == 0 ? near[random.nextInt(2)] : near[random.nextInt(near.length)];
                }
                for (int from = 0; from <= bytes.length; from++) {
                    for (int to = from; to <= bytes.length; to++) {
                        assertEquals(plainPair(bytes, from, to, pair[0], pair[1]),
                                ByteSearch.indexOfPair(bytes, from, to, pair[0], pair[1]),
                                "range " + from + ".." + to + " of " + java.util.Arrays.toString(bytes));
                    }
                }
            }
        }
    }

    private static int plainPair(byte[] bytes, int from, int to, byte a, byte b) {
        for (int p = from; p + 1 < to; p++) {
            if (bytes[p] == a && bytes[p + 1] == b) {
                return p;
            }
        }
        return to;
    }

    /**
     * Random arrays mixing plain text with every kind of byte that ends it, and the bytes next to
     * those (0x1F/0x20, 0x7F/0x80, one bit off a quote or a backslash), in every range.
     */
    @Test
    void findsTheEndOfPlainTextLikeAPlainLoop() {
        byte[] plainBytes = {'a', ' ', '~', 0x7F, '!', '#', '[', ']', (byte) ('"' ^ 0x40), (byte) ('\\' ^ 1), '0'};
        byte[] special = {'"', '\\', 0, 0x1F, '\n', (byte) 0x80, (byte) 0xC3, (byte) 0xFF, (byte) ('"' | 0x80)};
        Random random = new Random(3);
        for (int round = 0; round < 600; round++) {
            byte[] bytes = new byte[random.nextInt(48)];
            int density = 1 + random.nextInt(40);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(density) == 0 ? special[random.nextInt(special.length)]
                        : plainBytes[random.nextInt(plainBytes.length)];
            }
            for (int from = 0; from <= bytes.length; from++) {
                for (int to = from; to <= bytes.length; to++) {
                    assertEquals(plainEnd(bytes, from, to), ByteSearch.plainTextEnd(bytes, from, to),
                            "range " + from + ".." + to + " of " + java.util.Arrays.toString(bytes));
                }
            }
        }
    }

    private static int plainEnd(byte[] bytes, int from, int to) {
        for (int p = from; p < to; p++) {
            int c = bytes[p] & 0xFF;
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return p;
            }
        }
        return to;
    }

    @Test
    void comparesRegions() {
        byte[] text = "xxindexyy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] index = "index".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(ByteSearch.regionEquals(text, 2, 7, index));
        assertFalse(ByteSearch.regionEquals(text, 2, 6, index));
        assertFalse(ByteSearch.regionEquals(text, 1, 6, index));
        assertTrue(ByteSearch.regionEquals(text, 3, 3, new byte[0]));
        Random random = new Random(2);
        for (int length = 0; length < 40; length++) {
            byte[] expected = new byte[length];
            random.nextBytes(expected);
            byte[] padded = new byte[length + 10];
            System.arraycopy(expected, 0, padded, 5, length);
            assertTrue(ByteSearch.regionEquals(padded, 5, 5 + length, expected));
            for (int i = 0; i < length; i++) {
                padded[5 + i] ^= 0x40;
                assertFalse(ByteSearch.regionEquals(padded, 5, 5 + length, expected), "differs at " + i);
                padded[5 + i] ^= 0x40;
            }
        }
    }

    @Test
    void writesNumbersWithoutStrings() {
        for (long value : new long[] {0, 1, 7, 9, 10, 11, 99, 100, 65536, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE}) {
            JsonWriter writer = new JsonWriter(1);
            writer.number(value);
            assertEquals(Long.toString(value), new String(writer.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private static int plain(byte[] bytes, int from, int to, byte a, byte b) {
        for (int p = from; p < to; p++) {
            if (bytes[p] == a || bytes[p] == b) {
                return p;
            }
        }
        return to;
    }
}
