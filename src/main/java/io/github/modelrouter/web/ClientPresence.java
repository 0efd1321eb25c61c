package io.github.modelrouter.web;

import io.github.modelrouter.upstream.DeadlineSweep;
import java.time.Duration;

/**
 * Watches, for one exchange, whether its client is still connected while the router waits for
 * the upstream's head (and through a retry's back-off). Neither Jetty nor Tomcat reads an HTTP/1.1
 * connection whose request is complete until the response ends, so a client that closes or resets
 * it then goes unseen, and the upstream exchange and the permit would last until the upstream
 * answered (SPEC: "cancelled ... within about a second" at every stage). This looks at the
 * connection every {@link #INTERVAL}, from the deployment's one deadline sweep rather than a timer
 * task of its own.
 *
 * <p>The look is a non-blocking read ({@link Check}), so it must never run once the container
 * reads the connection again: {@link #stop} is called before anything is written or the async
 * cycle ends, and it waits for a look in progress (both hold this object's monitor).
 */
final class ClientPresence {

    /** How often the connection is looked at: a client's leaving is seen within this and a sweep tick. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    /** One non-blocking look at the client's connection. */
    @FunctionalInterface
    interface Check {
        /** True when the client closed or reset the connection, or sent bytes after its request. */
        boolean left();
    }

    /** A check for a connection that is never looked at (HTTP/2, whose streams the container sees end). */
    static final Check NONE = () -> false;

    private final Check check;
    private final DeadlineSweep sweep;
    private final Runnable onLeft;
    private boolean stopped;
    private DeadlineSweep.Deadline armed;

    ClientPresence(Check check, DeadlineSweep sweep, Runnable onLeft) {
        this.check = check;
        this.sweep = sweep;
        this.onLeft = onLeft;
    }

    /** Starts looking; once, when the request body has been read. */
    synchronized void start() {
        if (!stopped && check != NONE) {
            armed = sweep.after(INTERVAL, this::look);
        }
    }

    /** Stops looking for good; any thread, any number of times, before the response is written. */
    synchronized void stop() {
        stopped = true;
        if (armed != null) {
            armed.cancel();
            armed = null;
        }
    }

    /** The sweep's visit: one look, then the next is armed unless the client has left. */
    private void look() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (!check.left()) {
                armed = sweep.after(INTERVAL, this::look);
                return;
            }
            stopped = true;
            armed = null;
        }
        onLeft.run();
    }
}
