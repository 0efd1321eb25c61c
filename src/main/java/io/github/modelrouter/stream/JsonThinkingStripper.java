package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.json.ThinkingTypes;
import java.nio.ByteBuffer;
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
 * <p>Input that is not one well-formed JSON object (checked by the strict scanner), or has no
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

    private final int maxBufferedBytes;
    /** Reads usage as the bytes pass (so also for oversized answers) and reports it at the end. */
    private final JsonUsageTap usage;
    private JsonWriter held = new JsonWriter(8 * 1024);
    private boolean passingThrough;

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
        this.usage = new JsonUsageTap(usageListener);
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        usage.checkOpen();
        if (input.hasRemaining()) {
            accept(usage.read(input), output);
        }
        if (finished) {
            if (!passingThrough && held != null) {
                byte[] answer = held.toByteArray();
                held = null;
                output.accept(ByteBuffer.wrap(strip(answer)));
            }
            usage.finish();
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
            held.raw(chunk, 0, chunk.length);
        }
    }

    /** The answer without its thinking blocks; the same array when there is nothing to strip. */
    static byte[] strip(byte[] answer) {
        JsonSpan root = JsonScanner.tryParse(answer, 0, answer.length);
        JsonSpan content = root == null ? null : root.get("content");
        if (content == null || !content.isArray() || !anyThinking(content)) {
            return answer;
        }
        JsonWriter out = new JsonWriter(answer.length);
        out.raw(answer, 0, content.value(0).start());
        boolean keptAny = false;
        for (int i = 0; i < content.size(); i++) {
            JsonSpan block = content.value(i);
            if (ThinkingTypes.isAnswerThinking(block)) {
                continue;
            }
            if (keptAny) {
                // the separator that preceded this block keeps the answer's own spacing
                int separatorFrom = content.value(i - 1).end();
                out.raw(answer, separatorFrom, block.start());
            }
            out.raw(block);
            keptAny = true;
        }
        out.raw(answer, content.value(content.size() - 1).end(), answer.length);
        return out.toByteArray();
    }

    private static boolean anyThinking(JsonSpan content) {
        for (int i = 0; i < content.size(); i++) {
            if (ThinkingTypes.isAnswerThinking(content.value(i))) {
                return true;
            }
        }
        return false;
    }
}
