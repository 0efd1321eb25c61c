package io.github.modelrouter.upstream;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The route's {@code idle-timeout} for one exchange, HTTP/1.1 and HTTP/2 alike: the upstream may
 * stay silent that long while the router is waiting for it, from the start of the exchange until
 * its head, and after the head while its window has credit left ({@link FlowWindow#open}). While
 * the client side holds a whole window (a slow client), the upstream cannot send, so its silence
 * is not counted: the clock is paused, and restarts from zero when credit comes back. A client
 * that stops reading altogether is therefore not ended by this watch but by the container's own
 * write timeout or the route's total timeout.
 *
 * <p>HttpClient's socket timeout cannot say this: it sees a quiet socket, not why it is quiet, so
 * it cut slow clients' streams; and on HTTP/2 it belongs to the connection every stream shares.
 *
 * <p>Cheap per exchange: one deadline on the shared {@link DeadlineSweep}, armed for the idle
 * period. When it passes, activity since (stamped by the consumer and the window, one volatile
 * write each) or a paused clock only re-arms it; nothing is scheduled per chunk.
 *
 * <p>Thread-safe: started and stopped from any thread, checked on the sweep thread.
 */
final class IdleWatch {

    private final DeadlineSweep sweep;
    private final long idleNanos;
    private final StreamingResponseConsumer consumer;
    private final FlowWindow window;
    private final Consumer<UpstreamFailure> expire;
    private volatile DeadlineSweep.Deadline armed;

    /**
     * @param expire ends the exchange with the failure given and closes its connection; runs on
     *     the sweep thread, must not block
     */
    IdleWatch(DeadlineSweep sweep, Duration idleTimeout, StreamingResponseConsumer consumer, FlowWindow window,
              Consumer<UpstreamFailure> expire) {
        this.sweep = sweep;
        this.idleNanos = idleTimeout.toNanos();
        this.consumer = consumer;
        this.window = window;
        this.expire = expire;
    }

    /** Starts the clock: the first check is one idle period from now. */
    void start() {
        arm(idleNanos);
    }

    /** The exchange ended: no more checks. Any thread; idempotent. */
    void stop() {
        DeadlineSweep.Deadline current = armed;
        if (current != null) {
            current.cancel();
        }
    }

    private void arm(long nanos) {
        DeadlineSweep.Deadline next = sweep.after(Duration.ofNanos(nanos), this::check);
        armed = next;
        if (consumer.isTerminated()) {
            // ended while arming: stop() may have cancelled the previous deadline, not this one
            next.cancel();
        }
    }

    /** The armed period has passed (sweep thread). */
    private void check() {
        if (consumer.isTerminated()) {
            return;
        }
        if (!window.open()) {
            // the client holds a whole window: the upstream may not send, the clock is paused;
            // the credit that reopens the window is stamped, and the clock then runs from there
            arm(idleNanos);
            return;
        }
        long activity = consumer.lastActivityNanos();
        long credit = window.lastCreditNanos();
        long since = credit - activity > 0 ? credit : activity;
        long quiet = System.nanoTime() - since;
        if (quiet < idleNanos) {
            arm(idleNanos - quiet);
        } else {
            expire.accept(new UpstreamFailure(UpstreamFailure.Kind.IDLE_TIMEOUT, "upstream " + consumer.upstreamHost()
                    + " sent nothing within the idle timeout (" + idleNanos / 1_000_000 / 1000.0 + " s)"));
        }
    }
}
