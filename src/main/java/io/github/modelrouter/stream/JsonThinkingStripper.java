package io.github.modelrouter.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * For non-streamed answers with {@code response-thinking=drop}: holds the JSON answer until it is
 * complete, then writes it once without the {@code thinking} and {@code redacted_thinking} blocks
 * of its top-level {@code content} array.
 *
 * <p>The answer is not re-serialised: the thinking blocks' byte ranges are located with a scanner
 * and cut out together with their separating comma, so every other byte (number text such as
 * {@code 1e-7}, escapes, spacing, member order) is the upstream's. Blocks are recognised only by
 * their own top-level {@code type}; "thinking" inside text or tool input is not touched.
 *
 * <p>Input that is not one well-formed JSON object (checked with JSON-P), or has no
 * {@code content} array, is forwarded unchanged. An answer over {@code maxBufferedBytes} (default
 * 32 MiB) is not stripped: the bytes held so far are forwarded at once and the rest passes through
 * as it arrives, so memory stays bounded and no byte is lost.
 *
 * <p>Usage ({@code usage}, read as the bytes pass, so also for oversized answers) is reported once,
 * when {@code finished} is true, to the optional listener.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class JsonThinkingStripper implements BodyTransformer {

    /** Default largest answer stripped: 32 MiB. */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 32 << 20;

    private static final byte[] CONTENT = "content".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);

    private final int maxBufferedBytes;
    private final Consumer<TokenUsage> usageListener;
    private final TopLevelMemberTap usageTap = new TopLevelMemberTap("usage", JsonUsageTap.MAX_USAGE_BYTES);
    private ByteSink held = new ByteSink(8 * 1024);
    private boolean passingThrough;
    private boolean finished;

    public JsonThinkingStripper() {
        this(null);
    }

    /** @param usageListener told the answer's usage once, at the end; may be null */
    public JsonThinkingStripper(Consumer<TokenUsage> usageListener) {
        this(DEFAULT_MAX_BUFFERED_BYTES, usageListener);
    }

    /** As above, with the largest answer that is held and stripped. */
    public JsonThinkingStripper(int maxBufferedBytes, Consumer<TokenUsage> usageListener) {
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive: " + maxBufferedBytes);
        }
        this.maxBufferedBytes = maxBufferedBytes;
        this.usageListener = Objects.requireNonNullElse(usageListener, u -> { });
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        if (this.finished) {
            throw new IllegalStateException("transform called after finished");
        }
        if (input.hasRemaining()) {
            byte[] chunk = new byte[input.remaining()];
            input.get(chunk);
            usageTap.feed(chunk, 0, chunk.length);
            accept(chunk, output);
        }
        if (finished) {
            this.finished = true;
            if (!passingThrough) {
                byte[] answer = held.toByteArray();
                held = null;
                output.accept(ByteBuffer.wrap(strip(answer)));
            }
            usageListener.accept(JsonUsageTap.usageOf(usageTap));
        }
    }

    private void accept(byte[] chunk, Consumer<ByteBuffer> output) {
        if (passingThrough) {
            output.accept(ByteBuffer.wrap(chunk));
        } else if ((long) held.size() + chunk.length > maxBufferedBytes) {
            passingThrough = true;
            if (held.size() > 0) {
                output.accept(held.release());
            }
            held = null;
            output.accept(ByteBuffer.wrap(chunk));
        } else {
            held.write(chunk, 0, chunk.length);
        }
    }

    /** The answer without its thinking blocks; the same array when there is nothing to strip. */
    static byte[] strip(byte[] answer) {
        int contentAt = JsonScan.findMember(answer, 0, answer.length, CONTENT);
        if (contentAt < 0 || answer[contentAt] != '[') {
            return answer;
        }
        List<int[]> elements = arrayElements(answer, contentAt);
        if (elements == null || elements.stream().noneMatch(e -> isThinkingBlock(answer, e))
                || !JsonSupport.isObject(answer, 0, answer.length)) {
            return answer;
        }
        ByteSink out = new ByteSink(answer.length);
        out.write(answer, 0, elements.get(0)[0]);
        boolean keptAny = false;
        for (int i = 0; i < elements.size(); i++) {
            int[] element = elements.get(i);
            if (isThinkingBlock(answer, element)) {
                continue;
            }
            if (keptAny) {
                // the separator that preceded this block keeps the answer's own spacing
                int separatorFrom = elements.get(i - 1)[1];
                out.write(answer, separatorFrom, element[0] - separatorFrom);
            }
            out.write(answer, element[0], element[1] - element[0]);
            keptAny = true;
        }
        int afterLast = elements.get(elements.size() - 1)[1];
        out.write(answer, afterLast, answer.length - afterLast);
        return out.toByteArray();
    }

    /** [start, end) of each element of the array at {@code arrayAt}, or null when malformed. */
    private static List<int[]> arrayElements(byte[] text, int arrayAt) {
        List<int[]> elements = new ArrayList<>();
        int p = JsonScan.skipWhitespace(text, arrayAt + 1, text.length);
        if (p < text.length && text[p] == ']') {
            return elements;
        }
        while (p < text.length) {
            int end = JsonScan.skipValue(text, p, text.length);
            if (end < 0) {
                return null;
            }
            elements.add(new int[] {p, end});
            p = JsonScan.skipWhitespace(text, end, text.length);
            if (p >= text.length) {
                return null;
            }
            if (text[p] == ']') {
                return elements;
            }
            if (text[p] != ',') {
                return null;
            }
            p = JsonScan.skipWhitespace(text, p + 1, text.length);
        }
        return null;
    }

    private static boolean isThinkingBlock(byte[] text, int[] element) {
        if (text[element[0]] != '{') {
            return false;
        }
        int typeAt = JsonScan.findMember(text, element[0], element[1], TYPE);
        return typeAt >= 0 && ThinkingBlocks.isThinkingTypeAt(text, typeAt, element[1]);
    }
}
