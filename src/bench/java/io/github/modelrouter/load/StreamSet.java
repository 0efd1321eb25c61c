package io.github.modelrouter.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Many streamed requests held open at once. They are opened in a ramp: at most {@code window}
 * requests wait for their first event at any time, the next one is sent when one opens, so the
 * servers' accept queues are not flooded with thousands of SYNs in the same millisecond. Every
 * stream is counted once when it opens (first event) and once when it ends (good with
 * {@code message_stop}, or failed). Callers wait on latches with deadlines.
 */
final class StreamSet {

    private static final int PROBLEMS_KEPT = 5;

    private final LoadClient client;
    private final Workload workload;
    private final int count;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger openedOk = new AtomicInteger();
    private final AtomicInteger good = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final CountDownLatch opened;
    private final CountDownLatch ended;
    private final List<String> problems = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile long lastOpenNanos;

    private StreamSet(LoadClient client, Workload workload, int count) {
        this.client = client;
        this.workload = workload;
        this.count = count;
        this.opened = new CountDownLatch(count);
        this.ended = new CountDownLatch(count);
    }

    /** Starts opening {@code count} streams, at most {@code window} of them pending at a time. */
    static StreamSet open(LoadClient client, Workload workload, int count, int window) {
        StreamSet set = new StreamSet(client, workload, count);
        for (int i = 0; i < Math.min(window, count); i++) {
            set.sendNext();
        }
        return set;
    }

    private void sendNext() {
        if (issued.getAndIncrement() >= count) {
            return;
        }
        AtomicBoolean counted = new AtomicBoolean();
        TimedExchange.send(client, workload.uri(), workload.body(), true, () -> {
            if (counted.compareAndSet(false, true)) {
                openedOk.incrementAndGet();
                lastOpenNanos = System.nanoTime();
                opened.countDown();
                sendNext();
            }
        }, sample -> {
            if (counted.compareAndSet(false, true)) {
                opened.countDown(); // failed before its first event: keep the ramp going
                sendNext();
            }
            record(sample);
            ended.countDown();
        });
    }

    private void record(Sample sample) {
        if (sample.ok()) {
            good.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        synchronized (problems) {
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(sample.problem());
            }
        }
    }

    /**
     * Waits until every stream has received its first event (or failed before it); gives up when
     * none has opened for {@code quiet}, or after {@code cap} in all.
     */
    void awaitOpen(Duration quiet, Duration cap) throws InterruptedException {
        if (!await(opened, openedOk::get, quiet, cap)) {
            throw new StallException(workload.name() + ": only " + openedOk.get() + " of " + count
                    + " streams opened; none for " + quiet + " (" + failed.get() + " failed)");
        }
    }

    /** Waits until every stream has ended; gives up when none has ended for {@code quiet}, or after {@code cap}. */
    void awaitEnded(Duration quiet, Duration cap) throws InterruptedException {
        if (!await(ended, () -> count - (int) ended.getCount(), quiet, cap)) {
            throw new StallException(workload.name() + ": " + ended.getCount() + " of " + count
                    + " streams still open after they were told to finish; none ended for " + quiet);
        }
    }

    /** Waits for {@code latch} while {@code progress} keeps moving. */
    private static boolean await(CountDownLatch latch, IntSupplier progress, Duration quiet, Duration cap)
            throws InterruptedException {
        long end = System.nanoTime() + cap.toNanos();
        int last = progress.getAsInt();
        long lastChange = System.nanoTime();
        while (!latch.await(200, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            int current = progress.getAsInt();
            if (current != last) {
                last = current;
                lastChange = now;
            } else if (now - lastChange > quiet.toNanos() || now > end) {
                return false;
            }
        }
        return true;
    }

    int count() {
        return count;
    }

    int openedOk() {
        return openedOk.get();
    }

    /** From the first request sent to the last stream's first event. */
    long openNanos() {
        return lastOpenNanos - startNanos;
    }

    int good() {
        return good.get();
    }

    int failed() {
        return failed.get();
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }
}
