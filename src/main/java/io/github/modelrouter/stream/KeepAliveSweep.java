package io.github.modelrouter.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The one periodic check behind every stream's keep-alive: the deployment runs {@link #run} on a
 * fixed period (a second), and it offers each open stream the chance to send a ping. No timer is
 * scheduled per request or per event; a stream costs one set insertion when it starts and one
 * removal when it ends, and each sweep one cheap check per open stream.
 *
 * <p>Thread-safe: streams open and close on any thread while the sweep runs on the scheduler's.
 */
public final class KeepAliveSweep implements Runnable {

    /** A stream that may be sent a ping; its implementation decides under its own lock. */
    public interface Stream {
        /** Sends a ping if one is due at {@code nowNanos} and the client can take it now; must not block. */
        void pingIfDue(long nowNanos);
    }

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoClock;

    /** @param nanoClock monotonic nanoseconds, such as {@code System::nanoTime} */
    public KeepAliveSweep(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** {@code stream} takes part in the sweeps from now on. */
    public void open(Stream stream) {
        open.add(stream);
    }

    /** {@code stream} ended; removing one that was never opened is harmless. */
    public void close(Stream stream) {
        open.remove(stream);
    }

    /** How many streams take part now. */
    public int size() {
        return open.size();
    }

    @Override
    public void run() {
        long now = nanoClock.getAsLong();
        for (Stream stream : open) {
            try {
                stream.pingIfDue(now);
            } catch (RuntimeException e) {
                // one broken stream must not stop the pings of every other one
                open.remove(stream);
            }
        }
    }
}
