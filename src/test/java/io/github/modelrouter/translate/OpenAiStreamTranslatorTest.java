package io.github.modelrouter.translate;

import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.modelrouter.stream.StreamTestSupport;
import io.github.modelrouter.stream.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAI chunk → Anthropic SSE translator over realistic provider streams, each checked against
 * its reviewed Anthropic rendering ({@code <name>.anthropic.sse}) whole, at every two-chunk split
 * point, and over random multi-chunk splits with every buffer kind.
 */
class OpenAiStreamTranslatorTest {

    record Case(String name, boolean dropThinking, List<String> stops, TokenUsage usage) {
        @Override
        public String toString() {
            return name + (dropThinking ? " (thinking dropped)" : "");
        }
    }

    static Stream<Case> streams() {
        TokenUsage openAi = new TokenUsage(1200, 7, 1024, 0);
        return Stream.of(
                new Case("text", false, List.of(), openAi),
                new Case("reasoning-text", false, List.of(), new TokenUsage(50, 30, 10, 0)),
                new Case("reasoning-text", true, List.of(), new TokenUsage(50, 30, 10, 0)),
                new Case("openrouter-reasoning", false, List.of(), new TokenUsage(20, 5, 0, 0)),
                new Case("tool-calls", false, List.of(), openAi),
                new Case("late-name", false, List.of(), TokenUsage.NONE),
                new Case("length", false, List.of(), openAi),
                new Case("content-filter", false, List.of(), TokenUsage.NONE),
                new Case("stop-sequence", false, List.of("END"), openAi),
                new Case("error-mid-stream", false, List.of(), TokenUsage.NONE));
    }

    private static Supplier<io.github.modelrouter.stream.BodyTransformer> translators(Case c) {
        return () -> new OpenAiStreamTranslator(c.dropThinking(), "route-model", c.stops(), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void translatesAsReviewed(Case c) {
        byte[] input = resource(c.name() + ".sse");
        byte[] actual = StreamTestSupport.output(translators(c).get(), input);
        String expectedName = c.name() + (c.dropThinking() ? ".dropped" : "") + ".anthropic.sse";
        byte[] expected = resourceOrNull(expectedName);
        if (expected == null) {
            write(expectedName, actual);
            fail("no " + expectedName + " yet: review target/translate-golden/" + expectedName);
        }
        assertEquals(text(expected), text(actual));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void everySplitPointGivesTheSameEvents(Case c) {
        byte[] input = resource(c.name() + ".sse");
        byte[] whole = StreamTestSupport.output(translators(c).get(), input);
        StreamTestSupport.assertEverySplit(translators(c), input, whole);
        StreamTestSupport.assertRandomSplits(translators(c), input, whole, 40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void reportsUsageOnceAtTheEndAndEndsCleanly(Case c) {
        List<TokenUsage> reported = new ArrayList<>();
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(c.dropThinking(), "m", c.stops(), reported::add);
        StreamTestSupport.output(translator, resource(c.name() + ".sse"));
        assertEquals(List.of(c.usage()), reported);
        assertTrue(translator.complete(), "a stream with [DONE], a finish reason or an error is complete");
    }

    @Test
    void theFirstChunkYieldsMessageStartAtOnce() {
        byte[] input = resource("text.sse");
        int firstEventEnd = text(input).indexOf("\n\n") + 2;
        StreamTestSupport.Run run = StreamTestSupport.run(new OpenAiStreamTranslator(false, "m", List.of(), null),
                input, new int[] {firstEventEnd}, StreamTestSupport.BufferKind.HEAP);
        String first = text(run.perCall().get(0));
        assertTrue(first.startsWith("event: message_start\n"), first);
        assertTrue(first.contains("\"id\":\"msg_chatcmpl-A1\""), first);
    }

    @Test
    void aStreamWithoutDoneOrFinishReasonIsCutShortAndInventsNothing() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(false, "m", List.of(), null);
        String out = text(StreamTestSupport.output(translator, resource("cut-short.sse")));
        assertFalse(translator.complete());
        assertFalse(out.contains("message_stop") || out.contains("message_delta") || out.contains("content_block_stop"), out);
        assertTrue(out.contains("\"text\":\"cut\""), out);
    }

    @Test
    void onlyDoneStillGivesAWellFormedEmptyMessage() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(false, "fallback-model", List.of(), null);
        String out = text(StreamTestSupport.output(translator, utf8("data: [DONE]\n\n")));
        assertTrue(translator.complete());
        assertTrue(out.startsWith("event: message_start\n") && out.contains("\"model\":\"fallback-model\"")
                && out.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), out);
    }

    @Test
    void crlfLineEndsAndMultiLineDataAreRead() {
        byte[] lf = resource("tool-calls.sse");
        byte[] expected = StreamTestSupport.output(new OpenAiStreamTranslator(false, "m", List.of(), null), lf);
        for (StreamTestSupport.LineEnds ends : StreamTestSupport.LineEnds.values()) {
            byte[] input = StreamTestSupport.withLineEnds(lf, ends);
            assertEquals(text(expected), text(StreamTestSupport.output(
                    new OpenAiStreamTranslator(false, "m", List.of(), null), input)), ends.name());
        }
    }

    @Test
    void aLateFragmentOfAnEarlierParallelCallIsStillDeliveredToItsBlock() {
        String head = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[";
        String tail = "]},\"finish_reason\":null}]}\n\n";
        String input = head + "{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"x\\\":\"}}" + tail
                + head + "{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{}\"}}" + tail
                + head + "{\"index\":0,\"function\":{\"arguments\":\"1}\"}}" + tail
                + "data: [DONE]\n\n";
        String out = text(StreamTestSupport.output(new OpenAiStreamTranslator(false, "m", List.of(), null), utf8(input)));
        assertTrue(out.contains("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"1}\"}}"),
                out);
        assertTrue(out.indexOf("\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"b\"") > 0, out);
        assertTrue(out.contains("\"stop_reason\":\"tool_use\""), out);
    }

    @Test
    void transformAfterFinishedIsRefused() {
        OpenAiStreamTranslator translator = new OpenAiStreamTranslator(false, "m", List.of(), null);
        translator.transform(ByteBuffer.allocate(0), true, b -> { });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            translator.transform(ByteBuffer.allocate(0), true, b -> { });
        } catch (IllegalStateException e) {
            thrown.set(e);
        }
        assertTrue(thrown.get() != null);
    }

    static byte[] resource(String name) {
        byte[] bytes = resourceOrNull(name);
        if (bytes == null) {
            throw new IllegalArgumentException("no resource /translate/" + name);
        }
        return bytes;
    }

    static byte[] resourceOrNull(String name) {
        try (InputStream in = OpenAiStreamTranslatorTest.class.getResourceAsStream("/translate/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, byte[] bytes) {
        try {
            Path dir = Files.createDirectories(Path.of("target/translate-golden"));
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
