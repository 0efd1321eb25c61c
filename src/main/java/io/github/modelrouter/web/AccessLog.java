package io.github.modelrouter.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One line per request, through {@link System.Logger} so the container's logging decides where it
 * goes. Lines are {@code key=value} pairs starting with the request id; they never contain keys,
 * tokens or bodies.
 *
 * <p>Lines are handed to a writer thread: requests often end on the HttpClient reactor, and a
 * logging handler may block (JUL's console handler is synchronized and flushes every line).
 */
final class AccessLog {

    private static final Logger LOG = System.getLogger("io.github.modelrouter.access");
    private static final Logger EVENTS = System.getLogger("io.github.modelrouter");

    private final Executor writer;

    AccessLog(Executor writer) {
        this.writer = writer;
    }

    void request(String line) {
        try {
            writer.execute(() -> LOG.log(Level.INFO, line));
        } catch (RejectedExecutionException shuttingDown) {
            LOG.log(Level.INFO, line);
        }
    }

    /** Something worth an operator's attention, tied to a request. */
    void warn(String requestId, String message) {
        EVENTS.log(Level.WARNING, "request_id=" + requestId + " " + message);
    }
}
