package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.stream.StreamTestSupport.LineEnds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SseParserTest {

    /** Parses {@code input} cut at {@code cuts}; events detached so they outlive the callback. */
    private static List<SseEvent> parse(byte[] input, int... cuts) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            parser.parse(ByteBuffer.wrap(input, from, to - from), e -> events.add(e.detach()));
            from = to;
        }
        parser.finish(e -> events.add(e.detach()));
        return events;
    }

    private static List<SseEvent> parse(String input) {
        return parse(utf8(input));
    }

    @Test
    void splitsEventsAndReadsFields() {
        List<SseEvent> events = parse("event: ping\ndata: {\"type\":\"ping\"}\n\ndata: hello\n\n");
        assertEquals(2, events.size());
        assertEquals("ping", events.get(0).type());
        assertTrue(events.get(0).hasEventField());
        assertEquals("{\"type\":\"ping\"}", events.get(0).data());
        assertEquals("message", events.get(1).type());
        assertFalse(events.get(1).hasEventField());
        assertEquals("hello", events.get(1).data());
        assertEquals("data: hello\n\n", text(events.get(1).rawBytes()));
    }

    @Test
    void followsWhatwgFieldRules() {
        SseEvent event = parse(": comment\ndata:a\ndata:  b\ndata\nevent:first\nevent: second\n"
                + "id: 7\nretry: 1500\nretry: soon\nunknown: x\n\n").get(0);
        assertEquals("a\n b\n", event.data(), "one space removed, a bare name is an empty value");
        assertEquals("second", event.type(), "the last event field wins");
        assertEquals(Optional.of("7"), event.id());
        assertEquals(OptionalLong.of(1500), event.retry(), "a retry that is not digits is ignored");
    }

    @Test
    void emptyEventValueMeansMessageAndIdWithNulIsIgnored() {
        SseEvent event = parse("event:\nid: a\u0000b\ndata: x\n\n").get(0);
        assertEquals("message", event.type());
        assertFalse(event.hasEventField());
        assertEquals(Optional.empty(), event.id());
    }

    @Test
    void commentOnlyAndBlankEventsHaveNoFields() {
        List<SseEvent> events = parse(": keep-alive\n\n\n");
        assertEquals(2, events.size());
        assertFalse(events.get(0).hasData());
        assertEquals("\n", text(events.get(1).rawBytes()), "a stray blank line is its own event");
    }

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void everyLineEndingGivesTheSameFields(LineEnds ends) {
        byte[] input = StreamTestSupport.withLineEnds(
                utf8("event: a\ndata: 1\ndata: 2\n\n: c\nevent: b\ndata: 3\n\n"), ends);
        for (int cut = 0; cut <= input.length; cut++) {
            List<SseEvent> events = parse(input, cut);
            List<SseEvent> real = events.stream().filter(e -> !e.continuesPrevious()).toList();
            assertEquals(2, real.size(), "cut " + cut);
            assertEquals("a", real.get(0).type());
            assertEquals("1\n2", real.get(0).data());
            assertEquals("b", real.get(1).type());
            assertEquals("3", real.get(1).data());
            assertArrayEquals(input, concat(events), "raw bytes cover the input, cut " + cut);
        }
    }

    @Test
    void crlfBlankLineSplitBetweenCrAndLfYieldsATail() {
        byte[] input = utf8("data: a\r\n\r\ndata: b\r\n\r\n");
        int betweenCrAndLf = "data: a\r\n\r".length();
        List<SseEvent> events = parse(input, betweenCrAndLf);
        assertEquals(3, events.size());
        assertEquals("data: a\r\n\r", text(events.get(0).rawBytes()), "handed out at the CR, no waiting");
        assertTrue(events.get(1).continuesPrevious());
        assertEquals("\n", text(events.get(1).rawBytes()));
        assertEquals("b", events.get(2).data());
        assertEquals(2, parse(input).size(), "unsplit, the LF stays with its event");
    }

    @Test
    void crAtChunkEndInsideAnEventIsOneLineEndWithTheLf() {
        byte[] input = utf8("data: a\r\ndata: b\r\n\r\n");
        for (int cut = 0; cut <= input.length; cut++) {
            List<SseEvent> events = parse(input, cut);
            assertEquals("a\nb", events.get(0).data(), "cut " + cut);
            assertEquals(cut == input.length - 1 ? 2 : 1, events.size(), "a tail only between the last CR and LF");
        }
    }

    @Test
    void crCrIsTwoLineEnds() {
        List<SseEvent> events = parse("data: a\r\rdata: b\r\r");
        assertEquals(List.of("a", "b"), events.stream().map(SseEvent::data).toList());
    }

    @Test
    void multiByteUtf8SplitAnywhereDecodesWhole() {
        String data = "é€😀 日本語";
        byte[] input = utf8("data: " + data + "\n\n");
        for (int cut = 0; cut <= input.length; cut++) {
            assertEquals(data, parse(input, cut).get(0).data(), "cut " + cut);
        }
    }

    @Test
    void leadingBomIsIgnoredForFieldsButKeptInRawBytes() {
        byte[] body = utf8("event: ping\ndata: x\n\n");
        byte[] input = new byte[body.length + 3];
        input[0] = (byte) 0xEF;
        input[1] = (byte) 0xBB;
        input[2] = (byte) 0xBF;
        System.arraycopy(body, 0, input, 3, body.length);
        for (int cut = 0; cut <= input.length; cut++) {
            List<SseEvent> events = parse(input, cut);
            assertEquals(1, events.size());
            assertEquals("ping", events.get(0).type(), "cut " + cut);
            assertArrayEquals(input, events.get(0).rawBytes());
        }
    }

    @Test
    void bomThenBlankLineIsAnEmptyEvent() {
        byte[] input = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n', 'd', 'a', 't', 'a', ':', 'x', '\n', '\n'};
        List<SseEvent> events = parse(input, 2);
        assertEquals(2, events.size());
        assertEquals(4, events.get(0).rawLength());
        assertEquals("x", events.get(1).data());
    }

    @Test
    void bomLaterInTheStreamIsContent() {
        List<SseEvent> events = parse("data: a\n\n\uFEFFevent: x\ndata: b\n\n");
        assertEquals("message", events.get(1).type(), "only a BOM opening the stream is skipped");
    }

    @Test
    void trailingUnterminatedBytesAreHandedOutByFinish() {
        byte[] input = utf8("data: a\n\nevent: message_stop\ndata: {}\n");
        for (int cut = 0; cut <= input.length; cut++) {
            List<SseEvent> events = parse(input, cut);
            assertEquals(2, events.size(), "cut " + cut);
            assertTrue(events.get(0).terminated());
            assertFalse(events.get(1).terminated());
            assertEquals("message_stop", events.get(1).type());
            assertArrayEquals(input, concat(events));
        }
    }

    @Test
    void eventOverTheLimitFailsCleanlyWhateverTheChunking() {
        byte[] input = utf8("data: small\n\ndata: " + "x".repeat(200) + "\n\ndata: after\n\n");
        for (int cut = 0; cut <= input.length; cut += 7) {
            SseParser parser = new SseParser(64);
            List<String> seen = new ArrayList<>();
            int at = cut;
            SseEventTooLargeException failure = assertThrows(SseEventTooLargeException.class, () -> {
                parser.parse(ByteBuffer.wrap(input, 0, at), e -> seen.add(e.data()));
                parser.parse(ByteBuffer.wrap(input, at, input.length - at), e -> seen.add(e.data()));
            });
            assertEquals(64, failure.limit());
            assertEquals("api_error", failure.toAnthropicError().type());
            assertEquals(List.of("small"), seen, "cut " + cut);
            assertThrows(IllegalStateException.class,
                    () -> parser.parse(ByteBuffer.wrap(utf8("data: x\n\n")), e -> { }));
        }
    }

    @Test
    void pendingBytesStayBoundedByTheLimit() {
        SseParser parser = new SseParser(1024);
        byte[] line = utf8("data: 0123456789\n");
        assertThrows(SseEventTooLargeException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                parser.parse(ByteBuffer.wrap(line), e -> { });
                assertTrue(parser.pendingBytes() <= 1024);
            }
        });
    }

    @Test
    void rawBytesOfAllEventsEqualTheInputForEveryResource() {
        for (String name : List.of("text.sse", "thinking.sse", "interleaved.sse", "multiline.sse")) {
            for (LineEnds ends : LineEnds.values()) {
                byte[] input = StreamTestSupport.withLineEnds(StreamTestSupport.resource(name), ends);
                assertArrayEquals(input, concat(parse(input, input.length / 3, input.length / 2)),
                        name + " " + ends);
            }
        }
    }

    /**
     * What a test compares of an event: its fields as read from the parser's line table (not its
     * raw length, which a split between CR and LF moves to a continuing event).
     */
    private static String fields(SseEvent e) {
        return e.type() + "|" + e.hasData() + "|" + e.data() + "|" + e.id() + "|" + e.retry() + "|"
                + e.terminated();
    }

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void fieldsAreTheSameAtEverySplitWithBomCommentsAndMultiLineData(LineEnds ends) {
        byte[] body = StreamTestSupport.withLineEnds(utf8("event: content_block_delta\n: note\ndata: {\"a\":\n"
                + "data:\n data: x\nid: 7\nretry: 25\nevent\n\ndata: two\nevent: ping\n\n\n"
                + "retry\ndata:  lead\nevent: unknown_type\ndata: tail"), ends);
        byte[] input = new byte[body.length + 3];
        input[0] = (byte) 0xEF;
        input[1] = (byte) 0xBB;
        input[2] = (byte) 0xBF;
        System.arraycopy(body, 0, input, 3, body.length);
        List<String> whole = parse(input).stream().map(SseParserTest::fields).toList();
        assertEquals("message", parse(input).get(0).type(), "an empty event field afterwards wins");
        assertEquals("{\"a\":\n", parse(input).get(0).data(), "' data' is another field's name");
        assertEquals(List.of(" lead\ntail", "unknown_type", "false"), List.of(parse(input).get(3).data(),
                parse(input).get(3).type(), String.valueOf(parse(input).get(3).terminated())));
        for (int cut = 0; cut <= input.length; cut++) {
            for (int second = cut; second <= input.length; second += 5) {
                List<SseEvent> events = parse(input, cut, second);
                List<String> split = events.stream().filter(e -> !e.continuesPrevious())
                        .map(SseParserTest::fields).toList();
                assertEquals(whole, split, "cuts " + cut + ", " + second);
                assertArrayEquals(input, concat(events));
            }
        }
    }

    @Test
    void partialBomBeginsTheFirstLineAtEverySplit() {
        byte[] input = {(byte) 0xEF, (byte) 0xBB, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n', 'd', 'a', 't', 'a', ':', 'y',
            '\n', '\n'};
        for (int cut = 0; cut <= input.length; cut++) {
            List<SseEvent> events = parse(input, cut);
            assertFalse(events.get(0).hasData(), "the field name is the BOM's first bytes and 'data': cut " + cut);
            assertEquals("y", events.get(1).data());
        }
    }

    @Test
    void theViewIsReusedAndADetachedEventKeepsItsFields() {
        SseParser parser = new SseParser();
        List<SseEvent> views = new ArrayList<>();
        List<SseEvent> detached = new ArrayList<>();
        parser.parse(ByteBuffer.wrap(utf8("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n")), e -> {
            e.type(); // parsed while a view: the detached copy must not share its field table
            views.add(e);
            detached.add(e.detach());
        });
        assertTrue(views.get(0) == views.get(1), "one view for every event");
        assertEquals(List.of("a", "b"), detached.stream().map(SseEvent::type).toList());
        assertEquals(List.of("1", "2"), detached.stream().map(SseEvent::data).toList());
    }

    private static byte[] concat(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.rawBytes()));
        return out.toByteArray();
    }
}
