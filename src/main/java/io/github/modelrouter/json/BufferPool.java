package io.github.modelrouter.json;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays for large documents being written (the rewrite of a 100 KB–1 MB request body), reused
 * once their bytes are gone: a 300 KB Claude Code body otherwise costs a fresh 300 KB array per
 * attempt, a third of all a request allocates, and at a few thousand requests a second on one core
 * the collector's time follows the bytes allocated (PERFORMANCE.md, 2026-12-07).
 *
 * <p>Arrays come in sizes of 64 KiB to 1 MiB, each a power of two; the pool keeps at most
 * {@link #HELD_BYTES} of free arrays in all (eight 512 KiB arrays: eight 300 KB bodies in flight),
 * and nothing for a deployment that never sees a large body. A request for less than the smallest
 * size or more than the largest gets a plain new array that is never kept. Kept arrays live in the
 * old generation, where arrays allocated and dropped per request would end up anyway whenever a
 * young collection finds them in use, and fill it: with the pool, S2's full collections went from
 * about 14 to about 1 per 10 s (PERFORMANCE.md, 2026-12-07).
 *
 * <p>Whoever gives an array back must be sure nothing reads or writes it any more: it is handed to
 * the next request as it is, with the last one's bytes in it (every user writes from the start and
 * reads only what it wrote). Thread-safe, never blocks.
 */
public final class BufferPool {

    static final int SMALLEST = 64 * 1024;
    static final int LARGEST = 1024 * 1024;
    /** How many bytes of free arrays the pool keeps at most. */
    static final long HELD_BYTES = 4L * 1024 * 1024;

    private static final int SMALLEST_SHIFT = Integer.numberOfTrailingZeros(SMALLEST);

    /** Free arrays, one queue per size: {@code SMALLEST << i}. */
    private final ConcurrentLinkedQueue<byte[]>[] free;
    /** Bytes of the arrays in {@link #free}. */
    private final AtomicLong held = new AtomicLong();

    @SuppressWarnings("unchecked")
    public BufferPool() {
        int sizes = Integer.numberOfTrailingZeros(LARGEST) - SMALLEST_SHIFT + 1;
        free = new ConcurrentLinkedQueue[sizes];
        for (int i = 0; i < sizes; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /** An array of at least {@code length} bytes, its contents whatever they were. */
    public byte[] take(int length) {
        if (length < SMALLEST || length > LARGEST) {
            return new byte[Math.max(0, length)];
        }
        int size = index(length);
        byte[] array = free[size].poll();
        if (array == null) {
            return new byte[SMALLEST << size];
        }
        held.addAndGet(-array.length);
        return array;
    }

    /** Takes back an array {@link #take} gave; one of any other length is left to the collector. */
    public void give(byte[] array) {
        int length = array.length;
        if (length < SMALLEST || length > LARGEST || Integer.bitCount(length) != 1) {
            return;
        }
        if (held.addAndGet(length) > HELD_BYTES) {
            held.addAndGet(-length); // full: left to the collector
            return;
        }
        free[index(length)].offer(array);
    }

    /** Free arrays held now, in bytes. */
    long heldBytes() {
        return held.get();
    }

    /** The size index whose arrays hold {@code length} bytes. */
    private static int index(int length) {
        int bits = 32 - Integer.numberOfLeadingZeros(length - 1); // ceil(log2(length))
        return Math.max(0, bits - SMALLEST_SHIFT);
    }
}
