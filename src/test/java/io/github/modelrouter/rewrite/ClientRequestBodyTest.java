package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRequestBodyTest {

    @Test
    void readsModelStreamAndTree() {
        String json = "{\"model\":\"claude-opus-4-6\",\"max_tokens\":10,\"stream\":true,\"messages\":[]}";
        ClientRequestBody body = Bodies.parse(json);
        assertEquals("claude-opus-4-6", body.model());
        assertTrue(body.stream());
        assertEquals(List.of("model", "max_tokens", "stream", "messages"), List.copyOf(Bodies.tree(body).keySet()));
        assertEquals(json.length(), body.byteLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "\"true\"", "1", "null", "{}"})
    void streamIsTrueOnlyForTheLiteralTrue(String value) {
        assertFalse(Bodies.parse("{\"model\":\"m\",\"stream\":" + value + "}").stream());
        assertFalse(Bodies.parse("{\"model\":\"m\"}").stream());
    }

    @Test
    void modelOf128CharactersIsAcceptedAndCountedInCodePoints() {
        assertEquals(128, Bodies.parse("{\"model\":\"" + "m".repeat(128) + "\"}").model().length());
        String emoji = "🚀".repeat(128); // 256 UTF-16 chars, 128 characters
        assertEquals(emoji, Bodies.parse("{\"model\":\"" + emoji + "\"}").model());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        byte[] json = "\uFEFF{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("m", ClientRequestBody.parse(json).model());
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        assertEquals("m", Bodies.parse(" \r\n\t{ \"model\" : \"m\" }\n ").model());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"a\",\"model\":\"b\"}",
        "{\"model\":\"a\",\"stream\":false,\"stream\":true}",
        "{\"model\":\"a\",\"max_tokens\":1,\"max_tokens\":2}",
        // the same name spelled with an escape is still the same name to every parser
        "{\"model\":\"a\",\"mod\\u0065l\":\"b\"}",
    })
    void aTopLevelMemberNamedTwiceIsRefused(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Bodies.parse(json));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void repeatedNamesInsideNestedObjectsAreNotTheRoutersConcern() {
        assertEquals("a", Bodies.parse("{\"model\":\"a\",\"metadata\":{\"k\":1,\"k\":2}}").model());
    }

    @Test
    void missingModel() {
        assertInvalid("{\"max_tokens\":1}", "model: field required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "true", "[\"m\"]", "{\"name\":\"m\"}"})
    void nonStringModel(String model) {
        assertInvalid("{\"model\":" + model + "}", "model must be a string");
    }

    @Test
    void emptyModel() {
        assertInvalid("{\"model\":\"\"}", "model must not be empty");
    }

    @Test
    void tooLongModel() {
        assertInvalid("{\"model\":\"" + "m".repeat(129) + "\"}", "model must be at most 128 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"model\":\"m\"}]", "\"model\"", "42", "null", "true"})
    void notAnObject(String json) {
        assertInvalid(json, "request body must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"model\":\"m\"", "{\"model\":\"m\",}", "model=m", "{'model':'m'}",
        "{\"model\":\"m\"} {}", "{\"model\":\"m\"}x", "{\"model\":\"m\",\"n\":01}", "{\"model\":\"m\",\"n\":1.}",
        "{\"model\":\"m\",\"n\":NaN}", "{\"model\":\"m\\x\"}"})
    void notJson(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Bodies.parse(json));
        assertTrue(e.getMessage().startsWith("request body is not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().length() < 250, "message is short: " + e.getMessage());
    }

    @Test
    void emptyBody() {
        assertInvalid("", "request body is not valid JSON: empty body");
        assertInvalid("  \n", "request body is not valid JSON: empty body");
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] latin1 = "{\"model\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ClientRequestBody.parse(latin1));
        assertEquals("request body is not valid UTF-8", e.getMessage());
        byte[] overlong = {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertThrows(InvalidRequestException.class, () -> ClientRequestBody.parse(overlong));
        byte[] truncated = {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xE6, (byte) 0x97, '"', '}'};
        assertThrows(InvalidRequestException.class, () -> ClientRequestBody.parse(truncated));
    }

    @Test
    void aReplacementCharacterTheClientSentIsFine() {
        String json = "{\"model\":\"m\",\"text\":\"broken \uFFFD glyph\"}";
        assertEquals("broken \uFFFD glyph", Bodies.tree(Bodies.parse(json)).getString("text"));
        assertEquals(json, Bodies.rewrite(json, TestRoutes.passThrough()));
    }

    @Test
    void invalidRequestExceptionIsCheap() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Bodies.parse("[]"));
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void deepNestingIsRefusedWithAClearMessage() {
        String deep = "{\"model\":\"m\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Bodies.parse(deep));
        assertEquals("request body nesting too deep (more than 512 levels)", e.getMessage());
        String deepObjects = "{\"model\":\"m\",\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}";
        assertThrows(InvalidRequestException.class, () -> Bodies.parse(deepObjects));
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndRewritten() {
        int arrays = JsonTreeReader.MAX_DEPTH - 1; // the root object is the first level
        String deep = "{\"model\":\"m\",\"x\":" + "[".repeat(arrays) + "1.0" + "]".repeat(arrays) + "}";
        assertEquals(deep, Bodies.rewrite(deep, TestRoutes.opus()).replace("deepseek-v4-pro", "m"));
        String tooDeep = "{\"model\":\"m\",\"x\":" + "[".repeat(arrays + 1) + "]".repeat(arrays + 1) + "}";
        assertThrows(InvalidRequestException.class, () -> Bodies.parse(tooDeep));
    }

    @Test
    void theDeepestAcceptedBodyIsHandledOnASmallStack() throws InterruptedException {
        int levels = JsonTreeReader.MAX_DEPTH - 2; // root object, messages array, then nested arrays
        String deep = "{\"model\":\"m\",\"messages\":" + "[".repeat(levels) + "\"x\"" + "]".repeat(levels) + "}";
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // 512 KB, half the usual default (a container thread's): the recursive scanner, writer and
        // estimator must fit in it even interpreted, before the JIT has compiled them (the largest
        // frames; run alone this test is that case). A quarter failed whenever it ran first.
        Thread small = new Thread(null, () -> {
            try {
                ClientRequestBody body = Bodies.parse(deep);
                new RequestRewriter().rewrite(body, TestRoutes.opus());
                new TokenEstimator().estimateInputTokens(body);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join(30_000);
        assertFalse(small.isAlive());
        assertNull(failure.get());
    }

    @Test
    void treeIsUnmodifiable() {
        ClientRequestBody body = Bodies.parse("{\"model\":\"m\",\"messages\":[]}");
        assertThrows(UnsupportedOperationException.class, () -> Bodies.tree(body).remove("model"));
        assertThrows(UnsupportedOperationException.class, () -> Bodies.tree(body).getJsonArray("messages").add(null));
    }

    @Test
    void toStringShowsNoContent() {
        assertEquals("ClientRequestBody[model=m, stream=false, bytes=38]",
                Bodies.parse("{\"model\":\"m\",\"secret\":\"do not log me\"}").toString());
    }

    private static void assertInvalid(String json, String message) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Bodies.parse(json));
        assertEquals(message, e.getMessage());
    }
}
