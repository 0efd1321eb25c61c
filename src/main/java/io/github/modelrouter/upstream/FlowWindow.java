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
 * <p>{@link #consumed} and {@link #attach} run on the I/O reactor thread, {@link #returnCredit} on
 * the client side's threads; all are lock-free and never block.
 */
final class FlowWindow {

    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong pendingCredit = new AtomicLong();
    private volatile CapacityChannel channel;

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
