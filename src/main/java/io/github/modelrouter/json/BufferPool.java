package io.github.modelrouter.json;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays for large documents being written (the rewrite of a 100 KB–1 MB request body), reused
 * once their bytes are gone: a 300 KB Claude Code body otherwise costs a fresh 300 KB array per
 * attempt, a third of all a request allocates, and at a few thousand requests a second on one core
 * the collector's time follows the bytes allocated (PERFORMANCE.md, 2026-12-07).
 *
 * <p>Arrays come in sizes of 64 KiB to 1 MiB, each a power of two, and each size keeps at most
 * {@link #BYTES_PER_SIZE} of them, so the pool holds 10 MiB at the very most and nothing for a
 * deployment that never sees a large body. A request for less than the smallest size or more than
 * the largest gets a plain new array that is never kept.
 *
 * <p>Whoever gives an array back must be sure nothing reads or writes it any more: it is handed to
 * the next request as it is, with the last one's bytes in it (every user writes from the start and
 * reads only what it wrote). Thread-safe, never blocks.
 */
public final class BufferPool {

    static final int SMALLEST = 64 * 1024;
    static final int LARGEST = 1024 * 1024;
    /** How many bytes of arrays each size keeps at most. */
    static final int BYTES_PER_SIZE = 2 * 1024 * 1024;

    private static final int SMALLEST_SHIFT = Integer.numberOfTrailingZeros(SMALLEST);

    /** Free arrays, one queue per size: {@code SMALLEST << i}. */
    private final ArrayBlockingQueue<byte[]>[] free;

    @SuppressWarnings("unchecked")
    public BufferPool() {
        int sizes = Integer.numberOfTrailingZeros(LARGEST) - SMALLEST_SHIFT + 1;
        free = new ArrayBlockingQueue[sizes];
        for (int i = 0; i < sizes; i++) {
            free[i] = new ArrayBlockingQueue<>(Math.max(1, BYTES_PER_SIZE / (SMALLEST << i)));
        }
    }

    /** An array of at least {@code length} bytes, its contents whatever they were. */
    public byte[] take(int length) {
        if (length < SMALLEST || length > LARGEST) {
            return new byte[Math.max(0, length)];
        }
        int size = index(length);
        byte[] array = free[size].poll();
        return array != null ? array : new byte[SMALLEST << size];
    }

    /** Takes back an array {@link #take} gave; one of any other length is left to the collector. */
    public void give(byte[] array) {
        int length = array.length;
        if (length >= SMALLEST && length <= LARGEST && Integer.bitCount(length) == 1) {
            free[index(length)].offer(array);
        }
    }

    /** Free arrays held now, in bytes (for tests and the record). */
    long heldBytes() {
        long held = 0;
        for (int i = 0; i < free.length; i++) {
            held += (long) free[i].size() * (SMALLEST << i);
        }
        return held;
    }

    /** The size index whose arrays hold {@code length} bytes. */
    private static int index(int length) {
        int bits = 32 - Integer.numberOfLeadingZeros(length - 1); // ceil(log2(length))
        return Math.max(0, bits - SMALLEST_SHIFT);
    }
}
