package io.github.modelrouter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineSweepTest {

    private final AtomicLong now = new AtomicLong(1_000);

    /** A tick of an hour: the sweep thread never runs during a test, each test sweeps by hand. */
    private DeadlineSweep handSwept() {
        return new DeadlineSweep("test-deadlines", Duration.ofHours(1), now::get);
    }

    @Test
    void firesOnceDueAndNeverBefore() {
        try (DeadlineSweep sweep = handSwept()) {
            List<String> fired = new ArrayList<>();
            sweep.after(Duration.ofNanos(100), () -> fired.add("a"));
            sweep.after(Duration.ofNanos(300), () -> fired.add("b"));
            now.addAndGet(99);
            sweep.sweep();
            assertEquals(List.of(), fired);
            now.addAndGet(1);
            sweep.sweep();
            sweep.sweep();
            assertEquals(List.of("a"), fired);
            assertEquals(1, sweep.armed());
            now.addAndGet(1_000);
            sweep.sweep();
            assertEquals(List.of("a", "b"), fired);
            assertEquals(0, sweep.armed());
        }
    }

    @Test
    void aCancelledDeadlineNeverFiresAndIsForgotten() {
        try (DeadlineSweep sweep = handSwept()) {
            List<String> fired = new ArrayList<>();
            DeadlineSweep.Deadline deadline = sweep.after(Duration.ofNanos(10), () -> fired.add("x"));
            deadline.cancel();
            deadline.cancel();
            assertEquals(0, sweep.armed());
            now.addAndGet(100);
            sweep.sweep();
            assertEquals(List.of(), fired);
        }
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() {
        try (DeadlineSweep sweep = handSwept()) {
            List<String> fired = new ArrayList<>();
            sweep.after(Duration.ofNanos(1), () -> {
                throw new IllegalStateException("boom");
            });
            sweep.after(Duration.ofNanos(1), () -> fired.add("after"));
            Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
            List<Throwable> reported = new ArrayList<>();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
            try {
                now.addAndGet(10);
                sweep.sweep();
            } finally {
                Thread.currentThread().setUncaughtExceptionHandler(previous);
            }
            assertEquals(List.of("after"), fired);
            assertEquals(1, reported.size());
        }
    }

    @Test
    void theSweepThreadFiresARealDeadline() throws InterruptedException {
        try (DeadlineSweep sweep = new DeadlineSweep("test-deadlines", Duration.ofMillis(5))) {
            CountDownLatch fired = new CountDownLatch(1);
            sweep.after(Duration.ofMillis(20), fired::countDown);
            assertEquals(true, fired.await(10, TimeUnit.SECONDS));
        }
    }
}
