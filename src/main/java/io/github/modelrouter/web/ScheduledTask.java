package io.github.modelrouter.web;

import io.github.modelrouter.upstream.DeadlineSweep;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A deadline of one exchange that may be cancelled before it is set (the body can arrive before
 * the deadline is armed): cancelling first makes a later {@link #set} cancel at once. Any thread.
 */
final class ScheduledTask {

    private static final DeadlineSweep.Deadline CANCELLED = () -> { };

    private final AtomicReference<DeadlineSweep.Deadline> task = new AtomicReference<>();

    void set(DeadlineSweep.Deadline armed) {
        if (!task.compareAndSet(null, armed)) {
            armed.cancel();
        }
    }

    void cancel() {
        DeadlineSweep.Deadline previous = task.getAndSet(CANCELLED);
        if (previous != null) {
            previous.cancel();
        }
    }
}
