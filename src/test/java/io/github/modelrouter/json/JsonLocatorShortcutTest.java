package io.github.modelrouter.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The known-start shortcut of {@link JsonLocator#findMember} answers what the full walk answers. */
class JsonLocatorShortcutTest {

    private static final byte[] INDEX = ascii("index");
    private static final byte[] KNOWN_START = ascii("{\"type\":\"content_block_delta\",\"index\":");

    @Test
    void agreesWithTheFullWalkOnTrickyDocuments() {
        List<String> documents = List.of(
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"index\":1}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"index\":1}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"text\":\"\\\"index\\\": 1\"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"text\":\"a \\\"index\"},\"index\":4}",
                "{\"type\":\"content_block_delta\",\"index\":  7 }",
                "{\"type\":\"content_block_delta\",\"index\":",
                "{\"type\":\"content_block_delta\",\"index\":   ",
                "{\"type\":\"content_block_delta\",\"index\":2,\"index",
                "{\"type\":\"content_block_delta\",\"index\":2,\"index\"",
                "{\"type\":\"content_block_delta\",\"index\":2,\"index\":",
                "{\"type\":\"content_block_delta\",\"index\":2,\"index\":5",
                "{\"type\":\"content_block_delta\",\"index\":2 \"index\":5}",
                "{\"type\":\"content_block_delta\",\"index\":\"index\"}",
                "{\"type\":\"content_block_delta\",\"index\":{\"index\":1},\"index\":9}",
                " {\"type\":\"content_block_delta\",\"index\":3,\"index\":1}",
                "{\"type\":\"content_block_stop\",\"index\":3,\"index\":1}",
                "{\"type\":\"content_block_delta\",\"inde\":3}");
        for (String document : documents) {
            assertSame(ascii(document));
        }
    }

    @Test
    void agreesWithTheFullWalkOnRandomContinuations() {
        String[] pieces = {"\"", "index", "\"index\"", ":", ",", "{", "}", "[", "]", " ", "\\", "\\\"", "1", "x", "ab",
            "\"index\":", "\"delta\":", "null"};
        Random random = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            text.writeBytes(KNOWN_START);
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                text.writeBytes(ascii(pieces[random.nextInt(pieces.length)]));
            }
            byte[] bytes = text.toByteArray();
            // also inside a larger array, as the data of an event is
            byte[] padded = new byte[bytes.length + 6];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            assertSame(bytes);
            assertEquals(JsonLocator.findMember(padded, 3, 3 + bytes.length, INDEX),
                    JsonLocator.findMember(padded, 3, 3 + bytes.length, INDEX, KNOWN_START), new String(bytes));
        }
    }

    private static void assertSame(byte[] text) {
        assertEquals(JsonLocator.findMember(text, 0, text.length, INDEX),
                JsonLocator.findMember(text, 0, text.length, INDEX, KNOWN_START), new String(text, StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
