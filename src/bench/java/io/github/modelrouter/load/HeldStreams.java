package io.github.modelrouter.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The streams the upstream holds open, with counts of how they ended. Thread-safe. */
final class HeldStreams {

    private final Set<HeldStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void add(HeldStream stream) {
        open.add(stream);
    }

    void ended(HeldStream stream, boolean ok) {
        if (open.remove(stream)) {
            (ok ? completed : failed).incrementAndGet();
        }
    }

    int open() {
        return open.size();
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    void pingAll() {
        open.forEach(HeldStream::ping);
    }

    /** Ends every open stream with the rest of its answer and {@code message_stop}. */
    void finishAll() {
        open.forEach(HeldStream::finish);
    }
}
