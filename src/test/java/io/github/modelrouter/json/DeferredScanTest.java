package io.github.modelrouter.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A scan that defers deep containers must be indistinguishable from the eager one: the same tree
 * once expanded (spans, canonical flags, merged duplicate names), and the same refusal at the same
 * offset, on random documents with whitespace, escapes, repeated names and corrupted bytes.
 */
class DeferredScanTest {

    private static final String[] NAMES = {"type", "text", "a", "b", "\\u0061", "t\\u0079pe", "x\\/y", "é", "k1",
        "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13"};
    private static final String[] SCALARS = {"1", "-0.5e3", "true", "false", "null", "\"plain\"", "\"a\\nb\"",
        "\"\\u00e9\"", "\"é漢😀\"", "\"x\\/y\"", "0", "12345678901234567890"};

    @Test
    void deferredTreesExpandToTheEagerTree() {
        Random random = new Random(20261203);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            value(random, text, 0);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            JsonSpan eager = JsonScanner.parse(bytes);
            for (int levels = 0; levels <= 6; levels++) {
                assertSameTree(eager, JsonScanner.parse(bytes, levels), text + " at " + levels + " levels");
            }
        }
    }

    @Test
    void deferredScansRefuseAtTheSameOffset() {
        Random random = new Random(7);
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            value(random, text, 0);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            byte[] corrupt = bytes.clone();
            String alphabet = "{}[]\":,x\\\u0001";
            corrupt[random.nextInt(corrupt.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            if (random.nextInt(4) == 0) {
                corrupt[random.nextInt(corrupt.length)] = (byte) 0xC0;
            }
            String eager = outcome(() -> JsonScanner.parse(corrupt));
            for (int levels = 0; levels <= 4; levels++) {
                final int l = levels;
                assertEquals(eager, outcome(() -> JsonScanner.parse(corrupt, l)), new String(corrupt, StandardCharsets.UTF_8));
            }
            refused += eager.startsWith("refused") ? 1 : 0;
        }
        assertTrue(refused > 1000, "most corruptions are refused: " + refused);
    }

    @Test
    void deferredScansKeepTheDepthAndValueLimits() {
        String deep = "[".repeat(JsonScanner.MAX_DEPTH + 1) + "]".repeat(JsonScanner.MAX_DEPTH + 1);
        byte[] bytes = deep.getBytes(StandardCharsets.US_ASCII);
        assertEquals(outcome(() -> JsonScanner.parse(bytes)), outcome(() -> JsonScanner.parse(bytes, 2)));
        assertTrue(outcome(() -> JsonScanner.parse(bytes, 2)).contains("TOO_DEEP"));
        byte[] dense = ("[[" + "0,".repeat(30_000) + "0]]").getBytes(StandardCharsets.US_ASCII);
        assertTrue(outcome(() -> JsonScanner.parse(dense, 1)).contains("TOO_MANY_VALUES"));
    }

    private static String outcome(java.util.function.Supplier<JsonSpan> scan) {
        try {
            return "accepted " + scan.get().end();
        } catch (JsonSyntaxException e) {
            return "refused " + e.reason() + " " + e.getMessage();
        }
    }

    private static void assertSameTree(JsonSpan expected, JsonSpan actual, String where) {
        assertEquals(expected.kind(), actual.kind(), where);
        assertEquals(expected.start(), actual.start(), where);
        assertEquals(expected.end(), actual.end(), where);
        assertEquals(expected.canonical(), actual.canonical(), where);
        assertEquals(expected.hasEscapes(), actual.hasEscapes(), where);
        assertEquals(expected.namesRepeated(), actual.namesRepeated(), where);
        assertEquals(expected.size(), actual.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.isObject()) {
                assertSameTree(expected.key(i), actual.key(i), where);
            }
            assertSameTree(expected.value(i), actual.value(i), where);
        }
        if (expected.isString()) {
            assertEquals(expected.string(), actual.string(), where);
        }
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int pick = depth > 7 ? 2 : random.nextInt(5);
        switch (pick) {
            case 0 -> {
                out.append('{').append(space(random));
                int members = random.nextInt(random.nextInt(8) == 0 ? 16 : 5);
                for (int i = 0; i < members; i++) {
                    if (i > 0) {
                        out.append(',').append(space(random));
                    }
                    out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append('"').append(space(random))
                            .append(':').append(space(random));
                    value(random, out, depth + 1);
                    out.append(space(random));
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[').append(space(random));
                int elements = random.nextInt(5);
                for (int i = 0; i < elements; i++) {
                    if (i > 0) {
                        out.append(',').append(space(random));
                    }
                    value(random, out, depth + 1);
                }
                out.append(space(random)).append(']');
            }
            default -> out.append(SCALARS[random.nextInt(SCALARS.length)]);
        }
    }

    private static String space(Random random) {
        return random.nextInt(12) == 0 ? " " : "";
    }
}
