package io.github.modelrouter.web;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A timer of one exchange that may be cancelled before it is set (the body can arrive before the
 * scheduler has answered): cancelling first makes a later {@link #set} cancel at once. Any thread.
 */
final class ScheduledTask {

    private static final Future<?> CANCELLED = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final AtomicReference<Future<?>> task = new AtomicReference<>();

    void set(Future<?> scheduled) {
        if (!task.compareAndSet(null, scheduled)) {
            scheduled.cancel(false);
        }
    }

    void cancel() {
        Future<?> previous = task.getAndSet(CANCELLED);
        if (previous != null && previous != CANCELLED) {
            previous.cancel(false);
        }
    }
}
