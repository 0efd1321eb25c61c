package io.github.modelrouter.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void anArrayGivenBackIsTheNextOneTakenOfItsSize() {
        BufferPool pool = new BufferPool();
        byte[] first = pool.take(300_000);
        assertEquals(512 * 1024, first.length, "the power of two that holds the length");
        pool.give(first);
        assertSame(first, pool.take(262_145), "any length of the same size");
        assertNotSame(first, pool.take(300_000), "taken once, not twice");
    }

    @Test
    void smallAndHugeArraysAreNeverKept() {
        BufferPool pool = new BufferPool();
        byte[] small = pool.take(1_000);
        assertEquals(1_000, small.length, "a plain array of the length asked");
        pool.give(small);
        byte[] huge = pool.take(BufferPool.LARGEST + 1);
        pool.give(huge);
        pool.give(new byte[100_000]);
        assertEquals(0, pool.heldBytes());
    }

    @Test
    void thePoolKeepsAtMostItsBudget() {
        BufferPool pool = new BufferPool();
        for (int i = 0; i < 100; i++) {
            pool.give(new byte[BufferPool.LARGEST]);
            pool.give(new byte[BufferPool.SMALLEST]);
        }
        assertEquals(BufferPool.HELD_BYTES, pool.heldBytes(), "four 1 MiB arrays, then nothing more");
        pool.take(BufferPool.LARGEST);
        assertEquals(BufferPool.HELD_BYTES - BufferPool.LARGEST, pool.heldBytes());
        pool.give(new byte[BufferPool.SMALLEST]);
        assertEquals(BufferPool.HELD_BYTES - BufferPool.LARGEST + BufferPool.SMALLEST, pool.heldBytes());
    }
}
