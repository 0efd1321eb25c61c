package io.github.modelrouter.web;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One line per request, through {@link System.Logger} so the container's logging decides where it
 * goes. Lines are {@code key=value} pairs starting with the request id; they never contain keys,
 * tokens or bodies.
 */
final class AccessLog {

    private static final Logger LOG = System.getLogger("io.github.modelrouter.access");
    private static final Logger EVENTS = System.getLogger("io.github.modelrouter");

    void request(String line) {
        LOG.log(Level.INFO, line);
    }

    /** Something worth an operator's attention, tied to a request. */
    void warn(String requestId, String message) {
        EVENTS.log(Level.WARNING, "request_id=" + requestId + " " + message);
    }
}
