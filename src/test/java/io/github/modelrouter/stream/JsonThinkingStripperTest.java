package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.output;
import static io.github.modelrouter.stream.StreamTestSupport.resource;
import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.stream.StreamTestSupport.BufferKind;
import io.github.modelrouter.stream.StreamTestSupport.Run;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonThinkingStripperTest {

    @Test
    void removesThinkingBlocksAndKeepsEveryOtherByte() {
        byte[] expected = resource("answer-thinking.stripped.json");
        byte[] actual = output(new JsonThinkingStripper(), resource("answer-thinking.json"));
        assertEquals(text(expected), text(actual));
    }

    @Test
    void numbersNestedThinkingStringsAndUnicodeComeOutAsWritten() {
        String out = text(output(new JsonThinkingStripper(), resource("answer-thinking.json")));
        assertTrue(out.contains("\"epsilon\": 1e-7, \"ratio\": 1.0, \"big\": 123456789012345678901234567890"));
        assertTrue(out.contains("{\"type\": \"thinking\", \"epsilon\""), "tool input's own type is not a block");
        assertTrue(out.contains("[{\"type\": \"redacted_thinking\"}]"));
        assertTrue(out.contains("{\\\"type\\\":\\\"thinking\\\"} stays in text. ü 😀"));
    }

    @Test
    void everySplitGivesTheSameAnswer() {
        byte[] input = resource("answer-thinking.json");
        byte[] expected = resource("answer-thinking.stripped.json");
        StreamTestSupport.assertEverySplit(JsonThinkingStripper::new, input, expected);
        StreamTestSupport.assertRandomSplits(JsonThinkingStripper::new, input, expected, 30);
    }

    @Test
    void compactAnswer() {
        String answer = "{\"content\":[{\"type\":\"thinking\",\"thinking\":\"a\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"b\"},{\"type\":\"redacted_thinking\",\"data\":\"d\"},"
                + "{\"type\":\"text\",\"text\":\"c\"}],\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}";
        assertEquals("{\"content\":[{\"type\":\"text\",\"text\":\"b\"},{\"type\":\"text\",\"text\":\"c\"}],"
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}", strip(answer));
    }

    @Test
    void onlyThinkingLeavesAnEmptyArray() {
        assertEquals("{\"content\": [  ], \"x\": 1}",
                strip("{\"content\": [ {\"type\": \"thinking\"}, {\"type\":\"redacted_thinking\"} ], \"x\": 1}"));
    }

    @Test
    void typeAfterOtherMembersAndNestedContentAreHandled() {
        assertEquals("{\"message\":{\"content\":[{\"type\":\"thinking\"}]},\"content\":[{\"text\":\"t\",\"type\":\"text\"}]}",
                strip("{\"message\":{\"content\":[{\"type\":\"thinking\"}]},\"content\":[{\"signature\":\"s\","
                        + "\"thinking\":\"x\",\"type\":\"thinking\"},{\"text\":\"t\",\"type\":\"text\"}]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "",
        "[{\"type\":\"thinking\"}]",
        "{\"content\":[{\"type\":\"thinking\"}]",
        "{\"content\":[{\"type\":\"thinking\"}]} trailing",
        "{\"content\":[{\"type\":\"thinking\",}]}",
        "{\"content\":\"thinking\"}",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        "{\"content\":[{\"type\":\"text\",\"text\":\"1e-7\"}], \"n\": 1E+2}"
    })
    void nonJsonMalformedOrThinkingFreeInputIsForwardedUnchanged(String input) {
        assertEquals(input, strip(input));
    }

    @Test
    void answerOverTheLimitIsForwardedAsItIsWithoutHoldingIt() {
        byte[] input = resource("answer-thinking.json");
        List<TokenUsage> reports = new ArrayList<>();
        JsonThinkingStripper stripper = new JsonThinkingStripper(100, reports::add);
        Run run = StreamTestSupport.run(stripper, input, new int[] {60, 90, 200, 500}, BufferKind.DIRECT);
        assertArrayEquals(input, run.output());
        assertEquals(0, run.perCall().get(0).length, "held while under the limit");
        assertEquals(90 + 110, run.perCall().get(2).length, "held bytes and the chunk that passed the limit");
        assertEquals(300, run.perCall().get(3).length, "then chunks pass as they come");
        assertEquals(List.of(new TokenUsage(2095, 503, 1800, 0)), reports, "usage read even so");
    }

    @Test
    void reportsUsageOnceAtTheEnd() {
        List<TokenUsage> reports = new ArrayList<>();
        JsonThinkingStripper stripper = new JsonThinkingStripper(reports::add);
        stripper.transform(ByteBuffer.wrap(resource("answer-thinking.json")), false, b -> { });
        assertEquals(List.of(), reports);
        stripper.transform(ByteBuffer.allocate(0), true, b -> { });
        assertEquals(List.of(new TokenUsage(2095, 503, 1800, 0)), reports);
    }

    private static String strip(String answer) {
        return text(output(new JsonThinkingStripper(), utf8(answer), answer.length() / 2));
    }
}
