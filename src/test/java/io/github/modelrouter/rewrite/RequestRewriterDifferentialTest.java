package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The differential test: the production rewrite (spans of the client's bytes) against the
 * tree-based oracle ({@link TreeRequestRewriter}): same bytes out for every route, and the scanner
 * never accepts a body the tree reader refuses. Where the two readers refuse, both are 400s; the
 * production message is the scanner's own, so only its category (UTF-8, empty, not an object,
 * too deep, syntax) is compared.
 */
class RequestRewriterDifferentialTest {

    private final RequestRewriter rewriter = new RequestRewriter();
    private final TreeRequestRewriter oracle = new TreeRequestRewriter();

    private static List<RouteConfig> routes() {
        List<RouteConfig> routes = new ArrayList<>(List.of(TestRoutes.opus(), TestRoutes.sonnet(), TestRoutes.haiku(),
                TestRoutes.passThrough()));
        for (ThinkingPolicy policy : ThinkingPolicy.values()) {
            routes.add(TestRoutes.withThinking(policy));
        }
        routes.add(TestRoutes.withStrip(Set.of()));
        routes.add(TestRoutes.withStrip(Set.of("type", "content", "thinking", "model", "text")));
        return routes;
    }

    private void assertSameAsTree(byte[] json) {
        ClientRequestBody body = ClientRequestBody.parse(json);
        assertNotNull(body.spans(), "the scanner accepts valid JSON");
        for (RouteConfig route : routes()) {
            byte[] expected = oracle.rewrite(body, route);
            byte[] actual = rewriter.rewrite(body, route);
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                    route.name() + " " + route.thinking() + " " + route.stripFields());
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void fixturesMatchTheTreeRewrite() {
        for (Shape shape : Shape.values()) {
            assertSameAsTree(ClaudeCodeRequestFixture.bytes(60_000, shape));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\"}",
        "  {\"model\" : \"m\" , \"stream\" : true }  ",
        "\uFEFF{\"model\":\"m\"}",
        // repeated names below the top level are merged as the SDKs do (the top level refuses them)
        "{\"model\":\"m\",\"metadata\":{\"k\":\"n\",\"a\":1,\"k\":\"o\"}}",
        "{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},\"x\":[1.0,1e-7,-0,12345678901234567890123]}",
        "{\"model\":\"m\",\"cache_control\":{\"type\":\"ephemeral\"},\"reasoning_effort\":\"high\"}",
        "{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "\"str\",5,{\"type\":\"text\", \"text\":\"sp\"}]}",
        "{\"model\":\"m\",\"system\":\"plain\",\"tools\":{\"not\":\"a list\"}}",
        "{\"model\":\"m\",\"tools\":[{\"name\":\"t\",\"input_schema\":{\"properties\":{\"cache_control\":{}}},"
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"\"},{\"role\":\"assistant\",\"content\":\"yo \\u00e9\\n\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"redacted_thinking\",\"data\":\"d\"},"
                + "{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[]},{\"role\":\"user\",\"content\":[]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"reasoning\",\"text\":\"r\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"x\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"out\",\"cache_control\":{\"type\":\"ephemeral\"}},7]},"
                + "{\"type\":\"tool_result\",\"content\":\"s\",\"cache_control\":{}}, 3, \"x\"]},"
                + "5,\"m\",null,{\"role\":\"system\",\"content\":5},{\"content\":[{\"type\":\"thinking\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"},"
                + "{\"type\":\"text\",\"text\":\"k\"}]}]}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"ass\\u0069stant\",\"con\\u0074ent\":\"x\",\"content\":\"y\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"ty\\u0070e\":\"thinking\"},{\"type\":\"thinkin\\u0067\"},"
                + "{\"type\":\"text\",\"text\":\"t\",\"type\":\"thinking\"}]}]}",
        "{\"model\":\"m\",\"t\":\"caf\\u00e9 \\u65e5 \\ud83d\\ude80 \\/ \\u0041 \\ud800 \\udc00x \\u001f \\u001F \\\" \\\\ \\b\\f\\n\\r\\t\"}",
        "{\"model\":\"m\",\"t\":\"caf\u00e9 \u65e5\u672c \ud83d\ude80 \u007f \u2028\"}",
        "{\"model\":\"m\",\"thinking\":null,\"messages\":[],\"x\":{},\"y\":[],\"z\":[{},[[]],true,false,null]}",
        "{\n  \"model\": \"m\",\n  \"messages\": [\n    {\"role\": \"assistant\", \"content\": [ {\"type\": \"text\", \"text\": \"a\"} ]}\n  ]\n}\n",
        "{\"model\":\"m\",\"a\":{\"k\":1,\"k\":{\"x\":2},\"j\":3,\"k\":[4]},\"b\":{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,"
                + "\"6\":6,\"7\":7,\"8\":8,\"9\":9,\"10\":10,\"11\":11,\"12\":12,\"13\":13,\"1\":0}}",
    })
    void handWrittenBodiesMatchTheTreeRewrite(String json) {
        assertSameAsTree(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRepeatedModelOrStreamIsRefusedNotResolved() {
        // routing on one value while something in front of the router read the other is a way around it
        assertThrows(InvalidRequestException.class,
                () -> Bodies.parse("{\"model\":\"a\",\"stream\":true,\"model\":\"b\",\"stream\":false}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "{", "{\"model\":\"m\"", "{\"model\":\"m\"}x", "{\"model\":\"m\",}", "{\"model\":01}",
        "{\"model\":\"m\",\"x\":1.}", "{\"model\":\"m\",\"x\":-}", "{\"model\":\"m\",\"x\":tru}", "{\"model\":'m'}",
        "{\"model\":\"m\",\"x\":\"\\x\"}", "{\"model\":\"m\",\"x\":\"\\u12\"}", "{\"model\":\"m\",\"x\":\"a\u0001\"}",
        "{model:\"m\"}", "{\"model\":\"m\"}{}", "{\"model\":\"m\" \"x\":1}", "{\"model\":\"m\",\"x\":[1 2]}",
        "{\"model\":\"m\",\"x\":1e}", "{\"model\":\"m\",\"x\":+1}", "{\"model\":\"m\",\"x\":.5}",
    })
    void invalidBodiesFailAsTheTreeReaderSays(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertFalse(Bodies.scannerAccepts(bytes));
        assertSameOutcome(bytes);
    }

    /** Random single-byte mutations of a small body: the scanner is never laxer than Parsson. */
    @Test
    void mutatedBodiesNeverAcceptedByTheScannerAlone() {
        byte[] seed = ("{\"model\":\"m\",\"stream\":true,\"n\":[1.5e-3,-0,10],\"s\":\"a\\u00e9\\n\u00e9\ud83d\ude80\","
                + "\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"}]}],"
                + "\"o\":{\"t\":true,\"f\":false,\"z\":null}}").getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\",:\\/ \t\n-+.0123456789eEtrufalsn\u00e9".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int round = 0; round < 4000; round++) {
            byte[] bytes = seed.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            assertSameOutcome(bytes);
        }
    }

    /** Strings of every length with specials at every offset: the word-at-a-time scan misses none. */
    @Test
    void specialBytesAtEveryOffsetOfAString() {
        String[] specials = {"\\\"", "\\\\", "\\n", "\\u00e9", "\u00e9", "\ud83d\ude80", "\u0001", "\u001f",
            "\u007f", "\"", "\\", "\\x", "\u65e5"};
        for (int pad = 0; pad < 20; pad++) {
            for (int tail = 0; tail < 10; tail++) {
                for (String special : specials) {
                    String json = "{\"model\":\"m\",\"s\":\"" + "a".repeat(pad) + special + "b".repeat(tail) + "\"}";
                    assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        Random random = new Random(7);
        byte[] latin1 = {(byte) 0xE9, (byte) 0xC3, (byte) 0xA9, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF4,
            (byte) 0x90, (byte) 0xC0, (byte) 0xFF, 0x1F, 0x22, 0x5C};
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = ("{\"model\":\"m\",\"s\":\"" + "x".repeat(random.nextInt(40)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            int at = 18 + random.nextInt(bytes.length - 20 + 1);
            if (at < bytes.length - 2) {
                bytes[at] = latin1[random.nextInt(latin1.length)];
            }
            assertSameOutcome(bytes);
        }
    }

    private void assertSameOutcome(byte[] bytes) {
        String treeOutcome;
        try {
            JsonTreeReader.readObject(bytes);
            treeOutcome = "ok";
        } catch (InvalidRequestException e) {
            treeOutcome = e.getMessage();
        }
        if (Bodies.scannerAccepts(bytes)) {
            assertEquals("ok", treeOutcome, () -> "scanner accepted " + new String(bytes, StandardCharsets.UTF_8));
        }
        String outcome;
        ClientRequestBody body = null;
        try {
            body = ClientRequestBody.parse(bytes);
            outcome = "ok";
        } catch (InvalidRequestException e) {
            outcome = e.getMessage();
        }
        if (!"ok".equals(treeOutcome)) {
            assertEquals(category(treeOutcome), category(outcome), "tree: " + treeOutcome);
        } else if (body != null) {
            for (RouteConfig route : routes()) {
                assertArrayEquals(oracle.rewrite(body, route), rewriter.rewrite(body, route));
            }
        }
    }

    /**
     * The kind of refusal a message names. A syntax error and a non-object root are one kind: the
     * two readers stop at different tokens of the same broken body (Parsson reports the root's
     * first token, {@code "x} as a string say, before it reads on).
     */
    private static String category(String message) {
        boolean syntax = message.startsWith("request body is not valid JSON: ") && !message.endsWith("empty body");
        return syntax || message.equals("request body must be a JSON object") ? "not a well-formed JSON object" : message;
    }
}
