package io.github.modelrouter.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;

/**
 * Deadlines for many exchanges, kept by one periodic sweep instead of a timer task each. Every
 * request has a total timeout and a body deadline that almost never fire; scheduling and
 * cancelling a {@code ScheduledThreadPoolExecutor} task for each woke the timer thread whenever its
 * queue had been empty (at low concurrency: every request), a context switch and a lock round trip
 * per deadline. Here arming and cancelling are a set insert and removal on the caller's thread, and
 * the sweep thread wakes at its own pace, {@link #tick} apart, whatever the load.
 *
 * <p>The price is precision: a deadline fires up to one tick late, never early. Timeouts here are
 * whole seconds or more, so a tick of tens of milliseconds is invisible.
 *
 * <p>Thread-safe. Actions run on the sweep thread and must not block.
 */
public final class DeadlineSweep implements AutoCloseable {

    /** A deadline that has been armed; cancelling an expired or cancelled one does nothing. */
    public interface Deadline {
        void cancel();
    }

    private final Set<Entry> armed = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoClock;
    private final Duration tick;
    private final ScheduledThreadPoolExecutor thread;

    /** Starts the sweep thread ({@code name}), which checks every {@code tick}. */
    public DeadlineSweep(String name, Duration tick) {
        this(name, tick, System::nanoTime);
    }

    DeadlineSweep(String name, Duration tick, LongSupplier nanoClock) {
        this.tick = tick;
        this.nanoClock = nanoClock;
        this.thread = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory(name, true));
        this.thread.scheduleWithFixedDelay(this::sweep, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How late, at most, a deadline fires. */
    public Duration tick() {
        return tick;
    }

    /** Runs {@code action} on the sweep thread once {@code delay} has passed, unless cancelled first. */
    public Deadline after(Duration delay, Runnable action) {
        long due = nanoClock.getAsLong() + Math.min(delay.toNanos(), Long.MAX_VALUE / 4);
        Entry entry = new Entry(due, action);
        armed.add(entry);
        return entry;
    }

    /** Deadlines armed and neither fired nor cancelled. */
    public int armed() {
        return armed.size();
    }

    void sweep() {
        long now = nanoClock.getAsLong();
        for (Entry entry : armed) {
            // remove() decides the race with cancel(): whoever removes the entry owns it
            if (now - entry.due >= 0 && armed.remove(entry)) {
                try {
                    entry.action.run();
                } catch (RuntimeException e) {
                    // one failing action must not stop the sweep, and so every later deadline
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, e);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        armed.clear();
    }

    /** Identity-based: two deadlines due at the same nanosecond are still two. */
    private final class Entry implements Deadline {
        private final long due;
        private final Runnable action;

        Entry(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            armed.remove(this);
        }
    }
}
