package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.output;
import static io.github.modelrouter.stream.StreamTestSupport.resource;
import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static io.github.modelrouter.stream.StreamTestSupport.withLineEnds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.stream.StreamTestSupport.BufferKind;
import io.github.modelrouter.stream.StreamTestSupport.LineEnds;
import io.github.modelrouter.stream.StreamTestSupport.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseEventFilterTest {

    private static final List<String> STREAMS =
            List.of("text", "tool-use", "thinking", "interleaved", "no-event-lines", "multiline");

    static Stream<Arguments> streamsAndLineEnds() {
        return STREAMS.stream().flatMap(name -> Stream.of(LineEnds.values()).map(ends -> Arguments.of(name, ends)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("streamsAndLineEnds")
    void passForwardsEveryByteUnchangedAtEverySplit(String name, LineEnds ends) {
        byte[] input = withLineEnds(resource(name + ".sse"), ends);
        assertArrayEquals(input, output(new SseEventFilter(false, null), input));
        StreamTestSupport.assertEverySplit(() -> new SseEventFilter(false, null), input, input);
        StreamTestSupport.assertRandomSplits(() -> new SseEventFilter(false, null), input, input, 60);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("streamsAndLineEnds")
    void dropRemovesThinkingEventsAndRenumbersAtEverySplit(String name, LineEnds ends) {
        byte[] input = withLineEnds(resource(name + ".sse"), ends);
        byte[] expected = withLineEnds(resource(name + ".dropped.sse"), ends);
        byte[] unsplit = output(new SseEventFilter(true, null), input);
        assertEquals(text(expected), text(unsplit));
        StreamTestSupport.assertEverySplit(() -> new SseEventFilter(true, null), input, expected);
        StreamTestSupport.assertRandomSplits(() -> new SseEventFilter(true, null), input, expected, 60);
        assertClientSeesContiguousBlocksWithoutThinking(expected);
    }

    @Test
    void nestedIndexKeysAreNotRenumbered() {
        String out = text(output(new SseEventFilter(true, null), resource("thinking.sse")));
        assertTrue(out.contains("\"index\":1,\"content_block\":{\"type\":\"tool_use\""));
        assertTrue(out.contains("\"input\":{\"index\":2,\"items\":[{\"index\":0,\"value\":1e-07}]}"));
        assertTrue(out.contains("\"partial_json\":\"{\\\"index\\\": 2, \\\"rows\\\": [{\\\"index\\\": 1}]}\""));
    }

    @Test
    void outputHoldsOnlyCompleteEventsAndComesAsSoonAsAnEventIsComplete() {
        byte[] input = resource("thinking.sse");
        byte[] first = utf8(text(input).substring(0, text(input).indexOf("\n\n") + 2));
        Run run = StreamTestSupport.run(new SseEventFilter(true, null), input,
                new int[] {first.length - 1, first.length, first.length + 5}, BufferKind.HEAP);
        assertEquals(0, run.perCall().get(0).length, "nothing before the blank line is complete");
        assertArrayEquals(first, run.perCall().get(1), "message_start out the moment it is complete");
        for (byte[] call : run.perCall()) {
            String chunk = text(call);
            assertTrue(chunk.isEmpty() || chunk.endsWith("\n\n"), "whole events only: " + chunk);
        }
        assertTrue(run.atBoundaryAtEnd());
    }

    @Test
    void reportsUsageOnceAtTheEndInBothModes() {
        for (boolean drop : new boolean[] {false, true}) {
            List<TokenUsage> reports = new ArrayList<>();
            SseEventFilter filter = new SseEventFilter(drop, reports::add);
            byte[] input = resource("thinking.sse");
            filter.transform(ByteBuffer.wrap(input), false, b -> { });
            assertEquals(List.of(), reports, "nothing before finished");
            assertEquals(new TokenUsage(2095, 503, 1800, 512), filter.usage(), "readable before the end");
            filter.transform(ByteBuffer.allocate(0), true, b -> { });
            assertEquals(List.of(new TokenUsage(2095, 503, 1800, 512)), reports);
        }
    }

    @Test
    void usageFromMessageDeltaInputCountsAndMultiLineData() {
        assertEquals(new TokenUsage(1200, 42, 64, 0), usageOf("no-event-lines.sse"));
        assertEquals(new TokenUsage(10, 7, 0, 0), usageOf("multiline.sse"));
        assertEquals(new TokenUsage(31000, 0, 30000, 0), usageOf("interleaved.sse"));
        assertEquals(new TokenUsage(25, 15, 0, 0), usageOf("text.sse"));
    }

    @Test
    void streamWithoutUsageReportsNone() {
        List<TokenUsage> reports = new ArrayList<>();
        output(new SseEventFilter(true, reports::add), utf8("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
        assertEquals(List.of(TokenUsage.NONE), reports);
    }

    @Test
    void malformedJsonIsForwardedUnchanged() {
        String input = "event: message_start\ndata: {not json\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\"\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":\"zero\"}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0.0}\n\n"
                + "event: content_block_stop\ndata: oops\n\n"
                + "event: message_delta\ndata: [1,2]\n\n";
        assertEquals(input, text(output(new SseEventFilter(true, null), utf8(input))),
                "a block whose start cannot be read is kept; odd indices are left alone");
    }

    @Test
    void unannouncedAndAbsurdIndicesAreHandledWithoutHarm() {
        String thinking = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\"}}\n\n";
        String unannounced = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":5}\n\n";
        String absurd = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":999999999,"
                + "\"content_block\":{\"type\":\"text\"}}\n\n";
        String out = text(output(new SseEventFilter(true, null), utf8(thinking + unannounced + absurd)));
        assertEquals(unannounced.replace(":5}", ":4}") + absurd, out,
                "a block never started is shifted by the drops so far; a huge index is left alone");
    }

    @Test
    void pingErrorUnknownAndCommentEventsPassInDropMode() {
        String input = ": hi\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\nevent: custom\ndata: {\"index\":5}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        assertEquals(input, text(output(new SseEventFilter(true, null), utf8(input))));
    }

    @Test
    void eventTypeFieldWinsOverDataType() {
        String input = "event: vendor_note\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\"}}\n\n";
        assertEquals(input, text(output(new SseEventFilter(true, null), utf8(input))));
    }

    @Test
    void crlfTailOfADroppedEventIsDroppedWithIt() {
        String kept = "event: ping\r\ndata: {}\r\n\r\n";
        String dropped = "event: content_block_start\r\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\r\n\r\n";
        byte[] input = utf8(kept + dropped + kept);
        int betweenCrAndLf = utf8(kept + dropped).length - 1;
        Run run = StreamTestSupport.run(new SseEventFilter(true, null), input, new int[] {betweenCrAndLf},
                BufferKind.HEAP);
        assertEquals(kept + kept, text(run.output()));
        Run pass = StreamTestSupport.run(new SseEventFilter(false, null), utf8(kept + kept),
                new int[] {kept.length() - 1}, BufferKind.HEAP);
        assertEquals(kept + kept, text(pass.output()));
    }

    @Test
    void trailingUnterminatedEventIsForwardedAsItIsAndIsNotABoundary() {
        String body = "event: ping\ndata: {}\n\n";
        String trailing = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n";
        for (boolean drop : new boolean[] {false, true}) {
            Run run = StreamTestSupport.run(new SseEventFilter(drop, null), utf8(body + trailing),
                    new int[] {body.length() + 3}, BufferKind.HEAP);
            assertEquals(body + trailing, text(run.output()));
            assertFalse(run.atBoundaryAtEnd());
        }
    }

    @Test
    void trailingPartOfAThinkingBlockIsStillDropped() {
        byte[] full = resource("thinking.sse");
        String cut = text(full).substring(0, text(full).indexOf("I need to find"));
        String out = text(output(new SseEventFilter(true, null), utf8(cut)));
        assertFalse(out.contains("thinking"), out);
        assertTrue(out.endsWith("\n\n"));
    }

    @Test
    void bomIsForwardedAndFirstEventStillRecognised() {
        byte[] body = resource("thinking.sse");
        byte[] input = new byte[body.length + 3];
        input[0] = (byte) 0xEF;
        input[1] = (byte) 0xBB;
        input[2] = (byte) 0xBF;
        System.arraycopy(body, 0, input, 3, body.length);
        List<TokenUsage> reports = new ArrayList<>();
        assertArrayEquals(input, output(new SseEventFilter(false, reports::add), input, 1, 2, 5));
        assertEquals(2095, reports.get(0).inputTokens(), "message_start behind the BOM was parsed");
    }

    @Test
    void oversizeEventFailsAfterForwardingTheEventsBeforeIt() {
        String first = "event: ping\ndata: {}\n\n";
        byte[] input = utf8(first + "event: content_block_delta\ndata: " + "x".repeat(5000) + "\n\n");
        SseEventFilter filter = new SseEventFilter(true, null, 1024);
        List<String> out = new ArrayList<>();
        SseEventTooLargeException failure = assertThrows(SseEventTooLargeException.class,
                () -> filter.transform(ByteBuffer.wrap(input), false, b -> out.add(text(toArray(b)))));
        assertEquals(List.of(first), out);
        assertEquals(502, failure.toAnthropicError().status());
    }

    @Test
    void transformAfterFinishedIsRefused() {
        SseEventFilter filter = new SseEventFilter(false, null);
        filter.transform(ByteBuffer.allocate(0), true, b -> { });
        assertThrows(IllegalStateException.class, () -> filter.transform(ByteBuffer.allocate(0), true, b -> { }));
    }

    private static TokenUsage usageOf(String resource) {
        List<TokenUsage> reports = new ArrayList<>();
        output(new SseEventFilter(true, reports::add), resource(resource), 100, 101);
        assertEquals(1, reports.size());
        return reports.get(0);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** What an SDK needs: content blocks started 0, 1, 2… and every delta/stop for the open block. */
    static void assertClientSeesContiguousBlocksWithoutThinking(byte[] output) {
        List<JsonObject> data = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.parse(ByteBuffer.wrap(output), e -> {
            if (e.hasData() && e.type().startsWith("content_block") || e.data().contains("content_block")) {
                data.add(Json.createReader(new StringReader(e.data())).readObject());
            }
        });
        int next = 0;
        for (JsonObject event : data) {
            String type = event.getString("type");
            int index = event.getInt("index");
            if (type.equals("content_block_start")) {
                assertEquals(next++, index, "blocks numbered without holes");
                String blockType = event.getJsonObject("content_block").getString("type");
                assertFalse(blockType.contains("thinking"), blockType);
            } else {
                assertEquals(next - 1, index, type + " refers to the open block");
                if (event.containsKey("delta")) {
                    String deltaType = event.getJsonObject("delta").getString("type");
                    assertFalse(deltaType.equals("thinking_delta") || deltaType.equals("signature_delta"));
                }
            }
        }
    }

    @Test
    void aDuplicatedIndexIsReadAndRenumberedWhereTheSdkReadsIt() {
        String thinking = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
        String text = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":7,\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
        String out = text(output(new SseEventFilter(true, null), utf8(thinking + text)));
        // the last "index" is what SDKs read; it is the one renumbered (1 -> 0 once thinking is gone)
        assertEquals(text.replace("\"index\":1,", "\"index\":0,"), out);
    }
}
