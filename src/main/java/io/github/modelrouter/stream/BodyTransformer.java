package io.github.modelrouter.stream;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Turns the upstream's answer body into the client's, incrementally, as chunks arrive (the
 * {@code transform(input, finished, output)} contract of Jetty's {@code ContentTransformer}).
 *
 * <p>Called by one thread at a time (the exchange serialises calls), never concurrently; it must
 * not block. {@code input} is read completely during the call and not retained: a transformer
 * copies whatever it keeps. Each buffer given to {@code output} belongs to the receiver from then
 * on and is never touched again by the transformer. A transformer that buffers partial input emits
 * it (or what it decided to keep) when {@code finished} is true.
 */
public interface BodyTransformer {

    /**
     * @param input the next chunk of the upstream body (may be empty, especially when finished)
     * @param finished whether this is the last call
     * @param output receives the client-bound chunks, in order
     */
    void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output);

    /**
     * After the last call: whether the body carried its own end. An SSE stream ends with
     * {@code message_stop} or {@code error}; one that stops without either was cut short upstream,
     * and the client must be told rather than left with a silently truncated answer. Transformers
     * of bodies that have no end marker of their own answer true.
     */
    default boolean complete() {
        return true;
    }

    /** The transformer that forwards every chunk unchanged (copied, since input is not retained). */
    static BodyTransformer identity() {
        return (input, finished, output) -> {
            if (input.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(input.remaining());
                copy.put(input).flip();
                output.accept(copy);
            }
        };
    }
}
