package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.assertEverySplit;
import static io.github.modelrouter.stream.StreamTestSupport.assertRandomSplits;
import static io.github.modelrouter.stream.StreamTestSupport.output;
import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static io.github.modelrouter.stream.StreamTestSupport.withLineEnds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.stream.StreamTestSupport.LineEnds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The byte-level shortcuts of the filter (event types compared as bytes, the parser's line table,
 * the index found by the lenient locator, kept events copied in runs) against the cases that
 * could fool them, at every split point and for every line-end style: events without an
 * {@code event:} line, a repeated {@code event:} line, data over several lines with the index on
 * the second, {@code index} keys in nested objects and strings before the top-level one, and
 * duplicate top-level {@code index} and {@code type} keys, where the last one counts, as in the SDKs.
 */
class SseFilterFastPathTest {

    /** Upstream blocks: 0 thinking, 1 text, 2 redacted_thinking, 3 tool_use; the client sees 1 as 0 and 3 as 1. */
    private static final String INPUT = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":1}}}

            : a comment

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"a \\"index\\": 1, b"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","content_block":{"type":"text","text":"","index":9},"index":1}

            event: ping
            event: content_block_delta
            id: 42
            retry: 10
            data: {"type":"content_block_delta",
            data: "index":1,"delta":{"type":"text_delta","text":"hi"}}

            data: {"type":"ping","type":"content_block_delta","index":0,"index":1,"delta":{"type":"text_delta","text":"x"}}

            event: content_block_stop
            data: {"index":1,"type":"content_block_stop","index":1}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"redacted_thinking","data":"abc"}}

            data: {"type":"content_block_delta","index":3,"index":2,"delta":{"type":"thinking_delta","thinking":"\\u00fc"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":2}

            event: content_block_start
            data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"t","name":"n","input":{"index":3}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\\"index\\": 3"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":3}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static final String EXPECTED = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":1}}}

            : a comment

            event: content_block_start
            data: {"type":"content_block_start","content_block":{"type":"text","text":"","index":9},"index":0}

            event: ping
            event: content_block_delta
            id: 42
            retry: 10
            data: {"type":"content_block_delta",
            data: "index":0,"delta":{"type":"text_delta","text":"hi"}}

            data: {"type":"ping","type":"content_block_delta","index":0,"index":0,"delta":{"type":"text_delta","text":"x"}}

            event: content_block_stop
            data: {"index":1,"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"n","input":{"index":3}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"index\\": 3"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void dropKeepsTheSdkReadingAtEverySplit(LineEnds ends) {
        byte[] input = withLineEnds(utf8(INPUT), ends);
        byte[] expected = withLineEnds(utf8(EXPECTED), ends);
        assertEquals(text(expected), text(output(new SseEventFilter(true, null), input)));
        assertEverySplit(() -> new SseEventFilter(true, null), input, expected);
        assertRandomSplits(() -> new SseEventFilter(true, null), input, expected, 40);
    }

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void passForwardsEveryByteAtEverySplit(LineEnds ends) {
        byte[] input = withLineEnds(utf8(INPUT), ends);
        assertEverySplit(() -> new SseEventFilter(false, null), input, input);
        assertRandomSplits(() -> new SseEventFilter(false, null), input, input, 40);
    }

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void usageIsReadAtEverySplit(LineEnds ends) {
        byte[] input = withLineEnds(utf8(INPUT), ends);
        for (int cut = 0; cut <= input.length; cut++) {
            List<TokenUsage> reported = new ArrayList<>();
            output(new SseEventFilter(true, reported::add), input, cut);
            assertEquals(List.of(new TokenUsage(5, 1, 0, 0)), reported, "split at " + cut);
        }
    }

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void eventsOfOneChunkThatAreKeptDroppedAndRenumberedInTurnComeOutInOrder(LineEnds ends) {
        // one chunk holds all of them: the kept runs of the input are cut by drops and new digits
        byte[] input = withLineEnds(utf8(INPUT + INPUT.replace("message_start", "message_startx")), ends);
        byte[] once = withLineEnds(utf8(EXPECTED), ends);
        byte[] out = output(new SseEventFilter(true, null), input);
        byte[] first = java.util.Arrays.copyOf(out, once.length);
        assertArrayEquals(once, first);
    }
}
