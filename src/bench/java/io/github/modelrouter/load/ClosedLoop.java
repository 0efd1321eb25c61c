package io.github.modelrouter.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A closed-loop run at fixed concurrency: {@code concurrency} virtual users, each sending its next
 * request as soon as its previous answer ended, until a count of requests or a duration is used
 * up. Non-blocking: the next request is sent from the previous one's completion callback; the
 * caller waits on a latch with a deadline.
 */
final class ClosedLoop {

    private final LoadClient client;
    private final Workload workload;
    private final Samples samples;
    private final BooleanSupplier mayIssue;
    private final CountDownLatch usersDone;
    private final AtomicInteger inFlight = new AtomicInteger();

    private ClosedLoop(LoadClient client, Workload workload, int concurrency, Samples samples, BooleanSupplier mayIssue) {
        this.client = client;
        this.workload = workload;
        this.samples = samples;
        this.mayIssue = mayIssue;
        this.usersDone = new CountDownLatch(concurrency);
    }

    /** Sends {@code total} requests, {@code concurrency} at a time; samples go to {@code into}. */
    static void runCount(LoadClient client, Workload workload, int concurrency, int total, Samples into,
                         Duration timeout) throws InterruptedException {
        AtomicInteger left = new AtomicInteger(total);
        new ClosedLoop(client, workload, concurrency, into, () -> left.getAndDecrement() > 0)
                .run(concurrency, timeout);
    }

    /** Sends requests {@code concurrency} at a time for {@code duration}; samples go to {@code into}. */
    static void runFor(LoadClient client, Workload workload, int concurrency, Duration duration, Samples into,
                       Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        new ClosedLoop(client, workload, concurrency, into, () -> System.nanoTime() < end)
                .run(concurrency, timeout);
    }

    private void run(int concurrency, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        for (int user = 0; user < concurrency; user++) {
            next();
        }
        if (!usersDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new StallException(workload.name() + ": " + inFlight.get() + " of " + concurrency
                    + " requests still unanswered after " + timeout + " (" + samples.good() + " good, "
                    + samples.failures() + " failed so far)");
        }
        samples.addWallNanos(System.nanoTime() - start);
    }

    /** One virtual user's next request, or its end. */
    private void next() {
        if (!mayIssue.getAsBoolean()) {
            usersDone.countDown();
            return;
        }
        inFlight.incrementAndGet();
        TimedExchange.send(client, workload.uri(), workload.body(), workload.streamed(), () -> { }, sample -> {
            inFlight.decrementAndGet();
            samples.add(sample);
            next();
        });
    }
}
