package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyBufferGrowthTest {

    private static final long LIMIT = 32L * 1024 * 1024;

    /** The capacities a body of {@code length} bytes passes through, starting at {@code first}. */
    private static List<Integer> growth(int first, long declared, long length) {
        List<Integer> sizes = new ArrayList<>(List.of(first));
        int capacity = first;
        while (capacity < length && capacity <= LIMIT) {
            capacity = BodyBufferGrowth.next(capacity, capacity, declared, LIMIT);
            sizes.add(capacity);
        }
        return sizes;
    }

    @Test
    void aDeclaredBodyEndsInABufferOfItsOwnLengthAfterOneCopy() {
        int first = BodyBufferGrowth.first(300_157, LIMIT);
        assertEquals(37_520, first, "an eighth of the declared length, rounded up");
        assertEquals(List.of(37_520, 300_157), growth(first, 300_157, 300_157));
        assertEquals(List.of(65_536, 131_072, 1_000_000), growth(BodyBufferGrowth.first(1_000_000, LIMIT), 1_000_000, 1_000_000));
    }

    @Test
    void theFirstBufferFollowsTheDeclaredLengthUpTo64KiB() {
        assertEquals(1_020, BodyBufferGrowth.first(1_020, LIMIT), "a small body gets its own length");
        assertEquals(65_536, BodyBufferGrowth.first(65_536, LIMIT));
        assertEquals(16_384, BodyBufferGrowth.first(65_537, LIMIT), "never under 16 KiB past 64 KiB declared");
        assertEquals(65_536, BodyBufferGrowth.first(1L << 30, LIMIT), "a declared gigabyte gets 64 KiB");
        assertEquals(16_384, BodyBufferGrowth.first(-1, LIMIT), "a chunked body");
        assertEquals(1_001, BodyBufferGrowth.first(5_000, 1_000), "never past the cap plus one byte");
    }

    @Test
    void aChunkedBodyDoubles() {
        assertEquals(List.of(16_384, 32_768, 65_536, 131_072), growth(16_384, -1, 100_000));
    }

    @Test
    void aDeclaredLengthIsNeverTakenOnTrustAlone() {
        // a client declaring 1 GB and sending 64 KB gets a buffer of 128 KB, not a gigabyte
        assertEquals(131_072, BodyBufferGrowth.next(65_536, 65_536, 1L << 30, 2L << 30));
        // the declared length is taken from an eighth of it received, never earlier
        assertEquals(524_288, BodyBufferGrowth.next(65_536, 65_536, 524_288, 2L << 30));
        assertEquals(131_072, BodyBufferGrowth.next(65_536, 65_536, 524_289, 2L << 30));
        for (int received = 1024; received <= 8 * 1024 * 1024; received *= 2) {
            int next = BodyBufferGrowth.next(received, received, 1L << 30, 2L << 30);
            assertTrue(next <= 8L * received, received + " received, " + next + " held");
        }
    }

    @Test
    void neverPastTheCapPlusOneByte() {
        assertEquals(1_001, BodyBufferGrowth.next(1_000, 1_000, -1, 1_000));
        assertEquals(1_001, BodyBufferGrowth.next(800, 800, 5_000, 1_000));
        assertEquals((int) LIMIT + 1, BodyBufferGrowth.next(Integer.MAX_VALUE / 2, Integer.MAX_VALUE / 2, -1, LIMIT));
    }

    @Test
    void aBodyLongerThanDeclaredStillGrows() {
        // the container frames by Content-Length, but the rule must not stall if more arrives
        assertEquals(4_000, BodyBufferGrowth.next(2_000, 2_000, 2_000, LIMIT));
    }
}
