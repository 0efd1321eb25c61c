package io.github.modelrouter.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that becomes one client-bound {@link ByteBuffer}. Each buffer it hands
 * out wraps an array it never touches again, as {@link BodyTransformer} requires.
 */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void write(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    int size() {
        return size;
    }

    /** The bytes written so far, as an array of exactly that length. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Hands the written bytes over without copying; the sink must not be used afterwards. */
    ByteBuffer release() {
        ByteBuffer released = ByteBuffer.wrap(bytes, 0, size);
        bytes = null;
        return released;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("byte sink over 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
