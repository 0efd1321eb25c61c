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

    @Test
    void deferredTreesExpandToTheEagerTree() {
        Random random = new Random(20261203);
        for (int round = 0; round < 3000; round++) {
            String text = RandomJson.document(random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
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
            String text = RandomJson.document(random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
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
        assertEquals(expected.compactable(), actual.compactable(), where);
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
}
