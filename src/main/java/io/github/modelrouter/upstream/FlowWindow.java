package io.github.modelrouter.upstream;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * Credit accounting between HttpClient's {@link CapacityChannel} and the client side. Bytes the
 * upstream delivered count as buffered until the client side returns them; returned bytes are
 * granted back to the channel. The upstream window thus stays at (initial window − buffered), so a
 * slow client stops the upstream instead of filling memory.
 *
 * <p>It also tells the {@link IdleWatch} whom the exchange waits for: while the window is
 * {@link #open}, the upstream may send and its silence counts against it; once the client side
 * holds a whole window's worth, only credit coming back (the client reading) lets it send again.
 *
 * <p>{@link #consumed} and {@link #attach} run on the I/O reactor thread, {@link #returnCredit} on
 * the client side's threads; all are lock-free and never block.
 */
final class FlowWindow {

    private final long windowBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong pendingCredit = new AtomicLong();
    private volatile CapacityChannel channel;
    /** When credit last came back, or the window was made; a clock reading of {@link System#nanoTime}. */
    private volatile long lastCreditNanos = System.nanoTime();

    /** @param windowBytes the window HttpClient starts each exchange with (its initial window size) */
    FlowWindow(long windowBytes) {
        this.windowBytes = windowBytes;
    }

    /** The upstream delivered {@code bytes}; returns the bytes now buffered. */
    long consumed(int bytes) {
        return buffered.addAndGet(bytes);
    }

    /**
     * HttpClient hands over the channel when the window is exhausted; grant what the client side
     * has drained meanwhile (nothing, if it has drained nothing: the upstream then waits).
     */
    void attach(CapacityChannel capacityChannel) {
        channel = capacityChannel;
        grantPending();
    }

    void returnCredit(int bytes) {
        if (bytes <= 0) {
            return;
        }
        lastCreditNanos = System.nanoTime();
        buffered.addAndGet(-bytes);
        pendingCredit.addAndGet(bytes);
        grantPending();
    }

    /**
     * After a cancel: opens the window wide, so whatever the upstream has in flight is read, the
     * consumer refuses it, and HttpClient drops the connection. HttpClient's cancel of an exchange
     * whose window is shut (a client that stopped reading) did not close its connection until its
     * socket timeout; this makes the close not depend on that. Any thread.
     */
    void openToDiscard() {
        CapacityChannel current = channel;
        if (current != null) {
            try {
                current.update(Integer.MAX_VALUE);
            } catch (IOException | RuntimeException closed) {
                // the connection is already gone
            }
        }
    }

    /**
     * Whether the upstream may send now. HttpClient's window is the initial one less what was
     * delivered plus what was granted back, so it is open exactly while fewer than a window's
     * bytes are held by the client side (credit returned before HttpClient asked for it is
     * granted the moment it does, when its window reaches zero).
     */
    boolean open() {
        return buffered.get() < windowBytes;
    }

    /** When credit last came back (the client side drained), or the window was made. */
    long lastCreditNanos() {
        return lastCreditNanos;
    }

    private void grantPending() {
        CapacityChannel current = channel;
        if (current == null) {
            // the initial window is not exhausted yet: credit is granted when HttpClient asks
            return;
        }
        long credit = pendingCredit.getAndSet(0);
        if (credit > 0) {
            try {
                current.update((int) Math.min(credit, Integer.MAX_VALUE));
            } catch (IOException closed) {
                // the connection is gone; its failure reaches the handler through the consumer
            }
        }
    }
}
