package io.github.modelrouter.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request, through {@code java.util.logging} so the container's logging decides
 * where it goes (Jetty and Tomcat route JUL to their logs, WildFly's log manager replaces it).
 * Lines are {@code key=value} pairs starting with the request id; they never contain keys, tokens
 * or bodies.
 *
 * <p>Lines are queued and written in batches by a periodic task on the writer executor, every
 * {@link #PERIOD}: requests often end on the HttpClient reactor, and a logging handler may block
 * (JUL's console handler is synchronized and flushes every line). Waking a writer thread per line
 * (or per burst) cost a context switch per request at low concurrency; the periodic drain costs
 * none, whatever the load, at the price of a line appearing up to one period late. The source
 * class and method are given explicitly, so JUL never walks the stack to find the caller.
 *
 * <p>Thread-safe: any thread queues; the drain runs on the writer, one at a time, and once more
 * at {@link #close} so no line is lost at shutdown.
 */
final class AccessLog implements AutoCloseable {

    /** How long a line may wait in the queue. */
    static final Duration PERIOD = Duration.ofMillis(100);

    private static final String SOURCE = AccessLog.class.getName();
    private static final Logger LOG = Logger.getLogger("io.github.modelrouter.access");
    private static final Logger EVENTS = Logger.getLogger("io.github.modelrouter");

    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledFuture<?> drainTask;

    AccessLog(ScheduledExecutorService writer) {
        this.drainTask = writer.scheduleWithFixedDelay(this::drain, PERIOD.toNanos(), PERIOD.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    void request(String line) {
        pending.add(line);
    }

    /** Something worth an operator's attention, tied to a request. */
    void warn(String requestId, String message) {
        EVENTS.logp(Level.WARNING, SOURCE, "warn", "request_id=" + requestId + " " + message);
    }

    /** Writes what is queued; the writer calls it periodically, {@link #close} once more. */
    synchronized void drain() {
        String line;
        while ((line = pending.poll()) != null) {
            LOG.logp(Level.INFO, SOURCE, "request", line);
        }
    }

    /** Stops the periodic drain and writes what is still queued, on the caller's thread. */
    @Override
    public void close() {
        drainTask.cancel(false);
        drain();
    }
}
