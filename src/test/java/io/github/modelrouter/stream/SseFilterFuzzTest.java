package io.github.modelrouter.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the SSE parser and the thinking filter on whatever an upstream might
 * send, cut into chunks at fuzzer-chosen points. Invariants: the only exception is the documented
 * {@link SseEventTooLargeException}; the output does not depend on how the input was chunked; with
 * thinking passed, the output is the input byte for byte; no output is larger than the input plus
 * the digits renumbering can add. {@code mvn verify} fuzzes for 15 s, {@code mvn -Pfuzz test} for
 * 30 minutes ({@link #filterAnyStreamAnyChunkingLong}).
 */
class SseFilterFuzzTest {

    private static final int MAX_EVENT_BYTES = 4096;

    @FuzzTest(maxDuration = "15s")
    void filterAnyStreamAnyChunking(FuzzedDataProvider data) {
        check(data);
    }

    @FuzzTest(maxDuration = "30m")
    void filterAnyStreamAnyChunkingLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        boolean drop = data.consumeBoolean();
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] input = data.consumeRemainingAsBytes();
        byte[] whole = run(drop, input, new int[0]);
        byte[] chunked = run(drop, input, cuts);
        assertArrayEquals(whole, chunked, "chunking changed the output");
        if (whole != null && !drop) {
            assertArrayEquals(input, whole, "with thinking passed every byte goes through");
        }
        if (whole != null) {
            assertTrue(whole.length <= input.length + input.length / 2 + 16, "output grew beyond renumbering");
        }
    }

    /** The output of one run, or null when the stream had an event over the limit. */
    private static byte[] run(boolean drop, byte[] input, int[] cuts) {
        SseEventFilter filter = new SseEventFilter(drop, null, MAX_EVENT_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        try {
            for (int cut : cuts) {
                int to = Math.min(input.length, Math.max(from, cut));
                filter.transform(ByteBuffer.wrap(input, from, to - from), false, b -> write(out, b));
                from = to;
            }
            filter.transform(ByteBuffer.wrap(input, from, input.length - from), false, b -> write(out, b));
            filter.transform(ByteBuffer.allocate(0), true, b -> write(out, b));
        } catch (SseEventTooLargeException tooLarge) {
            return null;
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer chunk) {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        out.write(bytes, 0, bytes.length);
    }
}
