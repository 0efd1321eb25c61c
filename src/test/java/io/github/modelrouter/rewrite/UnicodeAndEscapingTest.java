package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The writer: Unicode round-trips, escapes are correct, lone surrogates survive. */
class UnicodeAndEscapingTest {

    private static final String TEXT = "café 日本語 数据 🚀✅ naïve — Ω";

    @Test
    void nonAsciiIsWrittenAsRawUtf8() {
        String body = "{\"model\":\"m\",\"text\":\"" + TEXT + "\"}";
        byte[] out = new RequestRewriter().rewrite(Bodies.parse(body), TestRoutes.passThrough());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), out);
    }

    @Test
    void escapedInputRoundTripsSemantically() {
        String body = "{\"model\":\"m\",\"text\":\"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude80 \\/ \\u0041\"}";
        String out = Bodies.rewrite(body, TestRoutes.passThrough());
        assertEquals("{\"model\":\"m\",\"text\":\"café 日本 🚀 / A\"}", out);
        assertEquals(Bodies.parssonTree(body.getBytes(StandardCharsets.UTF_8)),
                Bodies.parssonTree(out.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        String body = "{\"model\":\"m\",\"t\":\"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f nul\\u0000 us\\u001f del\u007f"
                + " ls\u2028\"}";
        String out = Bodies.rewrite(body, TestRoutes.passThrough());
        assertEquals("{\"model\":\"m\",\"t\":\"q\\\" b\\\\ n\\n r\\r t\\t bs\\b ff\\f nul\\u0000 us\\u001f del\u007f"
                + " ls\u2028\"}", out);
        assertEquals("q\" b\\ n\n r\r t\t bs\b ff\f nul\u0000 us\u001f del\u007f ls\u2028",
                Bodies.parssonTree(out.getBytes(StandardCharsets.UTF_8)).getString("t"));
    }

    @Test
    void memberNamesAreEscapedToo() {
        String body = "{\"model\":\"m\",\"we\\\"ird\\nkey 日本\":1}";
        assertEquals(body.replace("\\n", "\\n"), Bodies.rewrite(body, TestRoutes.passThrough()));
    }

    @Test
    void loneSurrogatesStayEscapesInsteadOfBecomingQuestionMarks() {
        String body = "{\"model\":\"m\",\"t\":\"a\\ud800b\\udc00c\\ud83d\"}";
        String out = Bodies.rewrite(body, TestRoutes.passThrough());
        assertEquals("{\"model\":\"m\",\"t\":\"a\\ud800b\\udc00c\\ud83d\"}", out);
        assertEquals("a\ud800b\udc00c\ud83d", Bodies.tree(out).getString("t"));
    }

    @Test
    void everyBmpCharacterAndAnAstralOneRoundTrip() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c); // includes lone surrogates and every control character
        }
        all.appendCodePoint(0x1F600).appendCodePoint(0x10FFFF);
        JsonObject tree = Json.createObjectBuilder().add("model", "m").add("t", all.toString()).build();
        byte[] written = TreeWriter.write(tree, 16);
        JsonObject back = JsonTreeReader.readObject(written);
        assertEquals(all.toString(), back.getString("t"));
    }

    @Test
    void writerHandlesEveryValueType() {
        JsonObject tree = Json.createObjectBuilder().add("model", "m").add("t", JsonValue.TRUE)
                .add("f", JsonValue.FALSE).add("n", JsonValue.NULL).add("a", Json.createArrayBuilder())
                .add("o", Json.createObjectBuilder()).add("i", 42).build();
        assertEquals("{\"model\":\"m\",\"t\":true,\"f\":false,\"n\":null,\"a\":[],\"o\":{},\"i\":42}",
                new String(TreeWriter.write(tree, 1), StandardCharsets.UTF_8));
    }

    @Test
    void longStringsCrossChunkBoundariesIntact() {
        for (int shift = 0; shift < 3; shift++) {
            String text = "a".repeat(shift) + "🚀".repeat(700) + "\n\"\u0001".repeat(500) + "日".repeat(300)
                    + "a".repeat(383) + "\ud800" + "b" + "c".repeat(254) + "\udbff"; // shift 0: the lone surrogate ends a chunk
            JsonObject tree = Json.createObjectBuilder().add("model", "m").add("t", text).build();
            byte[] written = TreeWriter.write(tree, 1); // tiny hint: the buffer grows many times
            assertEquals(text, JsonTreeReader.readObject(written).getString("t"), "shift " + shift);
            String json = new String(written, StandardCharsets.UTF_8);
            assertEquals(2, json.split("\\\\ud800|\\\\udbff", -1).length - 1, "lone surrogates escaped");
        }
    }
}
