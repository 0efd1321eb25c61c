package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonWriter;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The client-bound bytes of one transform call, gathered from the byte ranges the filter keeps.
 * Ranges of the call's input array that follow each other (consecutive kept events, the two sides
 * of a renumbered index) are copied with one {@code System.arraycopy} when the run ends, instead of
 * one copy per event: a stream is thousands of small events. Ranges of any other array (the
 * parser's carry-over buffer, which it rewrites before the call returns) are copied at once.
 *
 * <p>The input array must not change until {@link #release}: true during a transform call, where
 * it is the caller's chunk. Everything is copied by then, so the released buffer owns its bytes and
 * the chunk may be reused as soon as the call returns. One instance per call, on its thread.
 */
final class KeptBytes {

    private final byte[] input;
    private final JsonWriter out;
    /** The pending run of input bytes, [runFrom, runTo); runFrom is -1 when there is none. */
    private int runFrom = -1;
    private int runTo;

    /**
     * @param input the call's input array whose ranges may be copied late, or null for none
     * @param sizeHint the most bytes expected (the input and the parser's pending bytes)
     */
    KeptBytes(byte[] input, int sizeHint) {
        this.input = input;
        this.out = new JsonWriter(sizeHint);
    }

    /** Keeps {@code bytes[from, to)}, after everything kept before. */
    void keep(byte[] bytes, int from, int to) {
        if (bytes == input && input != null) {
            if (runFrom >= 0 && from == runTo) {
                runTo = to;
                return;
            }
            flush();
            runFrom = from;
            runTo = to;
        } else {
            flush();
            out.raw(bytes, from, to);
        }
    }

    /** Writes a decimal number (a renumbered index) after everything kept before. */
    void number(int value) {
        flush();
        out.number(value);
    }

    /** Hands the gathered bytes, if any, to {@code output}; nothing may be kept afterwards. */
    void release(Consumer<ByteBuffer> output) {
        flush();
        if (out.size() > 0) {
            output.accept(out.release());
        }
    }

    private void flush() {
        if (runFrom >= 0) {
            out.raw(input, runFrom, runTo);
            runFrom = -1;
        }
    }
}
