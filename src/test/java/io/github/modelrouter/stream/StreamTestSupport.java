package io.github.modelrouter.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Resources, line-ending variants and chunked runs shared by the stream and translate tests. */
public final class StreamTestSupport {

    /** How line ends of an LF resource are rewritten. */
    public enum LineEnds { LF, CRLF, CR, MIXED }

    /** How chunks are handed to a transformer. */
    public enum BufferKind { HEAP, HEAP_SLICE, DIRECT, READ_ONLY }

    private StreamTestSupport() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = StreamTestSupport.class.getResourceAsStream("/stream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /stream/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Rewrites every LF of an LF-only text. MIXED picks the ending from the length of the line it
     * ends (empty lines: from the line before), so a stream and its expected output, whose lines
     * are the same up to equal-length digit changes, get the same endings (blank lines follow the
     * line before them, so they match too).
     */
    public static byte[] withLineEnds(byte[] lfText, LineEnds ends) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lfText.length * 2);
        int lineStart = 0;
        int previousLength = 0;
        LineEnds previousEnd = LineEnds.LF;
        for (int i = 0; i < lfText.length; i++) {
            if (lfText[i] != '\n') {
                continue;
            }
            int length = i - lineStart;
            out.write(lfText, lineStart, length);
            int pick = length > 0 ? length : previousLength + 1;
            LineEnds end = ends == LineEnds.MIXED ? LineEnds.values()[pick % 3] : ends;
            if (length == 0 && end == LineEnds.LF && previousEnd == LineEnds.CR) {
                end = LineEnds.CRLF; // CR then LF would be one line end, not a blank line
            }
            previousEnd = end;
            switch (end) {
                case LF -> out.write('\n');
                case CRLF -> out.writeBytes(new byte[] {'\r', '\n'});
                default -> out.write('\r');
            }
            previousLength = length;
            lineStart = i + 1;
        }
        out.write(lfText, lineStart, lfText.length - lineStart);
        return out.toByteArray();
    }

    /** What a run produced: the concatenated output, each call's buffers, and whether the output ends at an event boundary. */
    public record Run(byte[] output, List<byte[]> perCall, boolean atBoundaryAtEnd) {
    }

    /** Feeds {@code input} cut at {@code cuts} (ascending offsets), then finishes. */
    public static Run run(BodyTransformer transformer, byte[] input, int[] cuts, BufferKind kind) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(input.length + 64);
        List<byte[]> perCall = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuffer chunk = buffer(input, from, to, kind);
            call(transformer, chunk, false, all, perCall);
            if (chunk.hasRemaining()) {
                throw new AssertionError("transform left input unread");
            }
            from = to;
        }
        call(transformer, ByteBuffer.allocate(0), true, all, perCall);
        byte[] output = all.toByteArray();
        return new Run(output, perCall, endsAtEventBoundary(output));
    }

    /** Whether the bytes are empty or end with a blank line (an SSE event boundary). */
    public static boolean endsAtEventBoundary(byte[] bytes) {
        int end = stripLineEnd(bytes, bytes.length);
        return bytes.length == 0 || (end < bytes.length && (end == 0 || stripLineEnd(bytes, end) < end));
    }

    /** The length of {@code bytes[0, end)} without one trailing CRLF, LF or CR. */
    private static int stripLineEnd(byte[] bytes, int end) {
        if (end >= 2 && bytes[end - 2] == '\r' && bytes[end - 1] == '\n') {
            return end - 2;
        }
        return end >= 1 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r') ? end - 1 : end;
    }

    public static byte[] output(BodyTransformer transformer, byte[] input, int... cuts) {
        return run(transformer, input, cuts, BufferKind.HEAP).output();
    }

    private static void call(BodyTransformer transformer, ByteBuffer chunk, boolean finished,
                             ByteArrayOutputStream all, List<byte[]> perCall) {
        ByteArrayOutputStream thisCall = new ByteArrayOutputStream();
        transformer.transform(chunk, finished, buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            thisCall.writeBytes(bytes);
        });
        all.writeBytes(thisCall.toByteArray());
        perCall.add(thisCall.toByteArray());
    }

    public static ByteBuffer buffer(byte[] input, int from, int to, BufferKind kind) {
        int length = to - from;
        return switch (kind) {
            case HEAP -> ByteBuffer.wrap(input.clone(), from, length);
            case HEAP_SLICE -> {
                // an array offset other than 0, with unrelated bytes around the window
                byte[] padded = new byte[length + 7];
                java.util.Arrays.fill(padded, (byte) '\n');
                System.arraycopy(input, from, padded, 3, length);
                yield ByteBuffer.wrap(padded, 2, length + 2).slice().position(1).limit(length + 1);
            }
            case DIRECT -> ByteBuffer.allocateDirect(length).put(input, from, length).flip();
            case READ_ONLY -> ByteBuffer.wrap(input, from, length).asReadOnlyBuffer();
        };
    }

    /** Random ascending cut points: chunks of 1..maxChunk bytes. */
    public static int[] randomCuts(int length, Random random, int maxChunk) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        while (true) {
            at += 1 + random.nextInt(maxChunk);
            if (at >= length) {
                break;
            }
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs a fresh transformer over every two-chunk split and checks each against {@code expected}. */
    public static void assertEverySplit(Supplier<BodyTransformer> transformers, byte[] input, byte[] expected) {
        for (int cut = 0; cut <= input.length; cut++) {
            byte[] actual = output(transformers.get(), input, cut);
            if (!java.util.Arrays.equals(expected, actual)) {
                throw new AssertionError("split at byte " + cut + " of " + input.length
                        + " differs:\nexpected:\n" + text(expected) + "\nactual:\n" + text(actual));
            }
        }
    }

    /** Runs a fresh transformer over random multi-chunk splits (fixed seeds) and checks each. */
    public static void assertRandomSplits(Supplier<BodyTransformer> transformers, byte[] input, byte[] expected,
                                   int seeds) {
        BufferKind[] kinds = BufferKind.values();
        for (int seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            int[] cuts = randomCuts(input.length, random, 1 + random.nextInt(seed % 2 == 0 ? 8 : 300));
            BufferKind kind = kinds[seed % kinds.length];
            byte[] actual = run(transformers.get(), input, cuts, kind).output();
            if (!java.util.Arrays.equals(expected, actual)) {
                throw new AssertionError("seed " + seed + " (" + cuts.length + " cuts, " + kind
                        + ") differs:\nexpected:\n" + text(expected) + "\nactual:\n" + text(actual));
            }
        }
    }
}
