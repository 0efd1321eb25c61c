package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KeyRingTest {

    private static final Secret A = new Secret("key-a");
    private static final Secret B = new Secret("key-b");
    private static final Secret C = new Secret("key-c");
    private static final Duration COOLDOWN = Duration.ofSeconds(60);

    /** A clock the test moves by hand, so cool-downs are tested without sleeping. */
    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

    private KeyRing ring(Secret... keys) {
        return new KeyRing(List.of(keys), COOLDOWN, now::get);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static List<Secret> take(KeyRing ring, int count) {
        List<Secret> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(ring.next().orElseThrow());
        }
        return taken;
    }

    @Test
    void handsOutKeysRoundRobin() {
        KeyRing ring = ring(A, B, C);
        assertEquals(List.of(A, B, C, A, B, C, A), take(ring, 7));
        assertEquals(3, ring.size());
        assertEquals(3, ring.usable());
    }

    @Test
    void aRingWithoutKeysHandsOutNothing() {
        KeyRing ring = ring();
        assertEquals(Optional.empty(), ring.next());
        assertEquals(0, ring.size());
        assertEquals(0, ring.usable());
        ring.setAside(A); // harmless
    }

    @Test
    void aSingleKeyIsAlwaysHandedOutEvenWhileCoolingDown() {
        KeyRing ring = ring(A);
        ring.setAside(A);
        assertEquals(0, ring.usable());
        assertEquals(Optional.of(A), ring.next());
    }

    @Test
    void aKeySetAsideIsSkippedUntilItsCooldownEnds() {
        KeyRing ring = ring(A, B, C);
        ring.setAside(B);
        assertEquals(2, ring.usable());
        assertEquals(List.of(A, C, A, C), take(ring, 4));

        advance(COOLDOWN.minusNanos(1));
        assertEquals(List.of(A, C), take(ring, 2), "still cooling one nanosecond before the end");

        advance(Duration.ofNanos(1));
        assertEquals(3, ring.usable());
        assertEquals(List.of(A, B, C), take(ring, 3));
    }

    @Test
    void whenEveryKeyCoolsDownTheOneRecoveringFirstIsUsed() {
        KeyRing ring = ring(A, B, C);
        ring.setAside(B);
        advance(Duration.ofSeconds(10));
        ring.setAside(C);
        advance(Duration.ofSeconds(10));
        ring.setAside(A);
        assertEquals(0, ring.usable());
        assertEquals(Optional.of(B), ring.next());
        assertEquals(Optional.of(B), ring.next());

        advance(Duration.ofSeconds(40)); // B's cool-down has ended, C's and A's have not
        assertEquals(1, ring.usable());
        assertEquals(List.of(B, B), take(ring, 2));
    }

    @Test
    void settingAsideAgainRestartsTheCooldown() {
        KeyRing ring = ring(A, B);
        ring.setAside(A);
        advance(Duration.ofSeconds(50));
        ring.setAside(A);
        advance(Duration.ofSeconds(50));
        assertEquals(1, ring.usable(), "the second set-aside runs 60 s from its own time");
        advance(Duration.ofSeconds(10));
        assertEquals(2, ring.usable());
    }

    @Test
    void keysNotInTheRingAreIgnored() {
        KeyRing ring = ring(A, B);
        ring.setAside(C);
        assertEquals(2, ring.usable());
    }

    @Test
    void aKeyIsRecognisedByItsValue() {
        KeyRing ring = ring(A, B);
        ring.setAside(new Secret("key-a"));
        assertEquals(List.of(B, B), take(ring, 2));
    }

    @Test
    void negativeCooldownIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRing(List.of(A), Duration.ofSeconds(-1), now::get));
    }

    @Test
    void hugeCooldownDoesNotOverflow() {
        KeyRing ring = new KeyRing(List.of(A, B), Duration.ofDays(365L * 1_000_000), now::get);
        ring.setAside(A);
        assertEquals(1, ring.usable(), "a cool-down too long for nanoseconds is capped, not wrapped into the past");
        advance(Duration.ofDays(365L * 50));
        assertEquals(1, ring.usable(), "capped at about 73 years");
    }

    @Test
    void toStringShowsCountsOnly() {
        KeyRing ring = ring(A, B);
        assertEquals("KeyRing[size=2, usable=2]", ring.toString());
    }

    @Test
    @Timeout(30)
    void manyThreadsShareTheKeysEvenly() throws Exception {
        Secret d = new Secret("key-d");
        KeyRing ring = new KeyRing(List.of(A, B, C, d), COOLDOWN, System::nanoTime);
        int threads = 8;
        int callsPerThread = 20_000;
        Map<Secret, LongAdder> counts = new ConcurrentHashMap<>();
        runConcurrently(threads, () -> {
            for (int i = 0; i < callsPerThread; i++) {
                counts.computeIfAbsent(ring.next().orElseThrow(), k -> new LongAdder()).increment();
            }
        });
        long expected = (long) threads * callsPerThread / 4;
        for (Secret key : List.of(A, B, C, d)) {
            // the cursor only moves by compare-and-set past the key handed out, so the split is exact
            assertEquals(expected, counts.get(key).sum(), () -> "uneven: " + counts);
        }
    }

    @Test
    @Timeout(30)
    void keysSetAsideConcurrentlyAreSkippedByEveryThread() throws Exception {
        KeyRing ring = ring(A, B, C);
        ring.setAside(A);
        Map<Secret, LongAdder> counts = new ConcurrentHashMap<>();
        runConcurrently(4, () -> {
            for (int i = 0; i < 10_000; i++) {
                counts.computeIfAbsent(ring.next().orElseThrow(), k -> new LongAdder()).increment();
                ring.setAside(A);
            }
        });
        assertNull(counts.get(A), () -> "a cooling key was handed out: " + counts);
        assertEquals(20_000, counts.get(B).sum());
        assertEquals(20_000, counts.get(C).sum());
    }

    private static void runConcurrently(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
