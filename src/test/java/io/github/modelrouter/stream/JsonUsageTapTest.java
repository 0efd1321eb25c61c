package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.resource;
import static io.github.modelrouter.stream.StreamTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.stream.StreamTestSupport.BufferKind;
import io.github.modelrouter.stream.StreamTestSupport.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonUsageTapTest {

    @Test
    void forwardsEachChunkImmediatelyAndUnchanged() {
        byte[] input = resource("answer-thinking.json");
        for (BufferKind kind : BufferKind.values()) {
            int[] cuts = StreamTestSupport.randomCuts(input.length, new Random(kind.ordinal()), 97);
            Run run = StreamTestSupport.run(new JsonUsageTap(null), input, cuts, kind);
            assertArrayEquals(input, run.output());
            int from = 0;
            for (int i = 0; i < cuts.length; i++) {
                assertArrayEquals(Arrays.copyOfRange(input, from, cuts[i]), run.perCall().get(i),
                        "call " + i + " outputs exactly its own input");
                from = cuts[i];
            }
        }
    }

    @Test
    void readsUsageAtEverySplit() {
        byte[] input = resource("answer-thinking.json");
        for (int cut = 0; cut <= input.length; cut++) {
            assertEquals(new TokenUsage(2095, 503, 1800, 0), usage(input, cut), "cut " + cut);
        }
    }

    @Test
    void findsUsageAfterContentFarLargerThanAnyPrefix() {
        String big = "x".repeat(3 << 20);
        byte[] input = utf8("{\"content\":[{\"type\":\"text\",\"text\":\"" + big + "\"}],"
                + "\"usage\":{\"input_tokens\":7,\"output_tokens\":9,\"cache_read_input_tokens\":null}}");
        assertEquals(new TokenUsage(7, 9, 0, 0), usage(input, 1 << 20, 2 << 20, 3 << 20));
    }

    @Test
    void onlyTheTopLevelUsageCounts() {
        byte[] input = utf8("{\"content\":[{\"type\":\"tool_use\",\"input\":{\"usage\":{\"input_tokens\":666}}}],"
                + "\"note\":\"\\\"usage\\\":{}\",\"usage\" : {\"input_tokens\": 5, \"output_tokens\": 6}}");
        assertEquals(new TokenUsage(5, 6, 0, 0), usage(input, 17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[{\"usage\":{\"input_tokens\":1}}]", "{\"usage\": 12}",
        "{\"usage\":{\"input_tokens\":1", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"})
    void answersWithoutReadableUsageReportNone(String input) {
        assertEquals(TokenUsage.NONE, usage(utf8(input)));
    }

    private static TokenUsage usage(byte[] input, int... cuts) {
        List<TokenUsage> reports = new ArrayList<>();
        StreamTestSupport.run(new JsonUsageTap(reports::add), input, cuts, BufferKind.HEAP);
        assertEquals(1, reports.size(), "reported exactly once");
        return reports.get(0);
    }
}
