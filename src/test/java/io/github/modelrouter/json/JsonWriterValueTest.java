package io.github.modelrouter.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonWriter#value} against a writer that re-encodes every container from its parts: the
 * same compact bytes whether a value is copied raw, copied without its whitespace or re-encoded,
 * from an eager scan or a deferred one; and {@link JsonSpan#compactable()} only where dropping
 * the whitespace really gives the writer's form.
 */
class JsonWriterValueTest {

    @Test
    void writesWhatReEncodingFromThePartsWrites() {
        Random random = new Random(20261205);
        int compactedRoots = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = RandomJson.document(random).getBytes(StandardCharsets.UTF_8);
            JsonSpan eager = JsonScanner.parse(bytes);
            byte[] expected = fromParts(eager);
            String where = new String(bytes, StandardCharsets.UTF_8);
            for (int levels = 0; levels <= 6; levels++) {
                byte[] written = new JsonWriter(8).value(JsonScanner.parse(bytes, levels)).toByteArray();
                assertArrayEquals(expected, written, where + " at " + levels + " levels");
            }
            assertArrayEquals(expected, fromParts(JsonScanner.parse(expected)), where + ": the output is compact");
            compactedRoots += !eager.canonical() && eager.compactable() ? 1 : 0;
        }
        assertTrue(compactedRoots > 100, "documents that only needed their whitespace dropped: " + compactedRoots);
    }

    @Test
    void compactableMeansTheWhitespaceIsAllThatDiffers() {
        Random random = new Random(5);
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = RandomJson.document(random).getBytes(StandardCharsets.UTF_8);
            everyValue(JsonScanner.parse(bytes), span -> {
                if (span.compactable()) {
                    assertEquals(new String(fromParts(span), StandardCharsets.UTF_8), withoutWhitespace(span),
                            new String(bytes, StandardCharsets.UTF_8));
                }
                if (span.canonical()) {
                    assertTrue(span.compactable(), span.toString());
                }
            });
        }
    }

    @Test
    void onlyWhitespaceKeepsAValueCompactable() {
        assertTrue(scan("{ \"a\" : [1, \"x\\\"y\"] }").compactable());
        assertFalse(scan("{ \"a\" : 1, \"a\" : 2 }").compactable(), "a repeated name is merged");
        assertFalse(scan("[ \"x\\/y\" ]").compactable(), "an escaped solidus is re-encoded");
        assertFalse(scan("[ \"\\u0061\" ]").compactable(), "a unicode escape is re-encoded");
        assertFalse(scan("[[ [\"\\u0061\"] ], 1]", 1).compactable(), "an irregular string deep in a deferred container");
        assertTrue(scan("[[ [\"a\"] ], 1]", 1).value(0).compactable());
        assertEquals("{\"a\":[1,\"x\\\"y\"]}", new String(new JsonWriter(4).value(scan(" { \"a\" :\n[1 ,\t\"x\\\"y\"] } "))
                .toByteArray(), StandardCharsets.UTF_8));
    }

    private static JsonSpan scan(String text) {
        return JsonScanner.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonSpan scan(String text, int levels) {
        return JsonScanner.parse(text.getBytes(StandardCharsets.UTF_8), levels);
    }

    private static void everyValue(JsonSpan span, java.util.function.Consumer<JsonSpan> check) {
        check.accept(span);
        for (int i = 0; i < span.size(); i++) {
            if (span.isObject()) {
                check.accept(span.key(i));
            }
            everyValue(span.value(i), check);
        }
    }

    /** The oracle: containers always from their parts; strings raw when canonical, else re-encoded. */
    private static byte[] fromParts(JsonSpan span) {
        JsonWriter out = new JsonWriter(16);
        fromParts(out, span);
        return out.toByteArray();
    }

    private static void fromParts(JsonWriter out, JsonSpan span) {
        switch (span.kind()) {
            case OBJECT, ARRAY -> {
                out.put(span.isObject() ? '{' : '[');
                for (int i = 0; i < span.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    if (span.isObject()) {
                        fromParts(out, span.key(i));
                        out.put(':');
                    }
                    fromParts(out, span.value(i));
                }
                out.put(span.isObject() ? '}' : ']');
            }
            case STRING -> {
                if (span.canonical()) {
                    out.raw(span);
                } else {
                    out.string(span.string());
                }
            }
            default -> out.raw(span);
        }
    }

    /** The span's text with every whitespace byte outside strings removed, by a plain state machine. */
    private static String withoutWhitespace(JsonSpan span) {
        StringBuilder out = new StringBuilder();
        String text = new String(span.source(), span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (" \t\r\n".indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
