package io.github.modelrouter.web;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request, through {@code java.util.logging} so the container's logging decides
 * where it goes (Jetty and Tomcat route JUL to their logs, WildFly's log manager replaces it).
 * Lines are {@code key=value} pairs starting with the request id; they never contain keys, tokens
 * or bodies.
 *
 * <p>Lines are queued and written in batches by one task on the writer executor: requests often
 * end on the HttpClient reactor, and a logging handler may block (JUL's console handler is
 * synchronized and flushes every line); one hand-off serves every line queued meanwhile rather
 * than one per request. The source class and method are given explicitly, so JUL never walks
 * the stack to find the caller (costly per line, and useless: the caller is always this class).
 *
 * <p>Thread-safe: any thread queues; the drain task runs on the writer, one at a time.
 */
final class AccessLog {

    private static final String SOURCE = AccessLog.class.getName();
    private static final Logger LOG = Logger.getLogger("io.github.modelrouter.access");
    private static final Logger EVENTS = Logger.getLogger("io.github.modelrouter");

    private final Executor writer;
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drain = this::drain;

    AccessLog(Executor writer) {
        this.writer = writer;
    }

    void request(String line) {
        pending.add(line);
        if (draining.compareAndSet(false, true)) {
            try {
                writer.execute(drain);
            } catch (RejectedExecutionException shuttingDown) {
                drain(); // the writer is gone: the line is still written, on this thread
            }
        }
    }

    /** Something worth an operator's attention, tied to a request. */
    void warn(String requestId, String message) {
        EVENTS.logp(Level.WARNING, SOURCE, "warn", "request_id=" + requestId + " " + message);
    }

    private void drain() {
        while (true) {
            String line;
            while ((line = pending.poll()) != null) {
                LOG.logp(Level.INFO, SOURCE, "request", line);
            }
            draining.set(false);
            // a line queued after the last poll but before the flag dropped would wait for the next
            // request; take the drain back if there is one, else leave
            if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
