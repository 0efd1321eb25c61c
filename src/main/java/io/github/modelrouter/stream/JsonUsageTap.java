package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonMemberTap;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * For non-streamed answers passed as they are ({@code response-thinking=pass}): forwards every
 * chunk at once, unchanged, and reads the answer's top-level {@code usage} on the way. It never
 * delays a byte: each call outputs a copy of exactly its input.
 *
 * <p>Instead of keeping a prefix of the answer (Anthropic writes {@code usage} last, after the
 * content, so a prefix would miss it on large answers) it follows the JSON structure as bytes pass
 * and keeps only the {@code usage} value, at most {@link #MAX_USAGE_BYTES}. Usage is reported once,
 * when {@code finished} is true: {@link TokenUsage#NONE} for non-JSON or usage-less answers.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class JsonUsageTap implements BodyTransformer {

    /** The largest {@code usage} value read; a real one is under 1 KiB. */
    public static final int MAX_USAGE_BYTES = 64 * 1024;

    private final Consumer<TokenUsage> usageListener;
    private final JsonMemberTap tap = new JsonMemberTap("usage", MAX_USAGE_BYTES);
    private boolean finished;

    /** @param usageListener told the answer's usage once, at the end; may be null */
    public JsonUsageTap(Consumer<TokenUsage> usageListener) {
        this.usageListener = Objects.requireNonNullElse(usageListener, u -> { });
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        checkOpen();
        if (input.hasRemaining()) {
            output.accept(ByteBuffer.wrap(read(input)));
        }
        if (finished) {
            finish();
        }
    }

    /** Copies the input (which is not retained) and reads usage from it; answers the copy. */
    byte[] read(ByteBuffer input) {
        checkOpen();
        byte[] copy = new byte[input.remaining()];
        input.get(copy);
        tap.feed(copy, 0, copy.length);
        return copy;
    }

    /** The answer ended: reports its usage, once. */
    void finish() {
        checkOpen();
        finished = true;
        usageListener.accept(usageOf(tap));
    }

    /** Throws when called after the end: the transformer contract allows one finished call. */
    void checkOpen() {
        if (finished) {
            throw new IllegalStateException("transform called after finished");
        }
    }

    static TokenUsage usageOf(JsonMemberTap tap) {
        UsageAccumulator usage = new UsageAccumulator();
        tap.capturedObject().ifPresent(usage::merge);
        return usage.toTokenUsage();
    }
}
