package io.github.modelrouter.web;

import io.github.modelrouter.upstream.UpstreamExchange;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flow-control account of one {@link Attempt}: bytes the upstream delivered are owed back to it
 * as credit, and returned once the client's queue has drained to {@link #LOW_WATER_BYTES}, so the
 * upstream never runs further ahead of the client than that plus one window.
 *
 * <p>The upstream's handle comes from {@code UpstreamClient.send}'s return, but the reactor may
 * deliver before that: against a fast upstream, a container thread descheduled for a moment is
 * enough for the whole first window to arrive first. Credit owed then has nowhere to go, and
 * nothing else would return it (the window is shut, so no more data comes; a client that keeps up
 * leaves nothing queued, so no drain reports back): the upstream falls silent and its idle
 * timeout ends the answer. So {@link #attach} returns what is owed the moment the handle exists.
 *
 * <p>Thread-safe: {@link #delivered} on the reactor, {@link #returnIfDrained} from the reactor and
 * container threads, {@link #attach} once from the thread that sent the request.
 */
final class UpstreamCredit {

    /** Below this many bytes queued for the client, what the upstream sent is credited back to it. */
    static final long LOW_WATER_BYTES = 32 * 1024;

    private final AtomicLong owed = new AtomicLong();
    private volatile UpstreamExchange upstream;

    /** The upstream's handle is known: what was delivered before it is returned now if drained. */
    void attach(UpstreamExchange exchange, long queuedBytes) {
        upstream = exchange;
        returnIfDrained(queuedBytes);
    }

    /** The upstream delivered {@code bytes} that the client side now holds. */
    void delivered(int bytes) {
        owed.addAndGet(bytes);
    }

    /** Returns what is owed once the client's queue is down to the low-water mark. Any thread. */
    void returnIfDrained(long queuedBytes) {
        UpstreamExchange current = upstream;
        // without a handle the debt stays owed: attach returns it (the handle is written before it reads)
        if (queuedBytes > LOW_WATER_BYTES || current == null) {
            return;
        }
        long credit = owed.getAndSet(0);
        if (credit > 0) {
            current.returnCredit((int) Math.min(credit, Integer.MAX_VALUE));
        }
    }
}
