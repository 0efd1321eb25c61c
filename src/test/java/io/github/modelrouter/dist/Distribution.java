package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A way to run the built WAR as users run it: a real server distribution in a child process. */
interface Distribution {

    /** Short name for logs and directories, e.g. {@code jetty-12.1.8}. */
    String name();

    /**
     * Starts the distribution with the WAR at context path {@code /}, listening on
     * {@code 127.0.0.1:port}, with {@code environment} as the process environment; its files
     * (logs, a fresh server base if it needs one) go under {@code workDirectory}.
     */
    ChildProcess start(int port, Map<String, String> environment, Path workDirectory) throws IOException;

    /** Text of a console line that shows the server has begun its shutdown, if it logs one. */
    Optional<String> shutdownStartedMarker();

    /**
     * Whether {@code status}, the answer to a new {@code GET /health} while the server drains, shows
     * that new requests are no longer served: -1 (connection refused) on Jetty and Tomcat.
     */
    default boolean refusesNewRequests(int status) {
        return status == -1;
    }

    /** The process's exit status after a clean stop on SIGTERM: the JVM's 143 (128 + 15). */
    default int exitStatusAfterSigterm() {
        return DistributionSmokeTest.EXIT_AFTER_SIGTERM;
    }

    /**
     * Whether a deployment that fails its configuration stops the whole server (Jetty, through
     * {@code throwUnavailableOnStartupException}) rather than leaving it running without the router.
     */
    default boolean exitsOnDeploymentFailure() {
        return false;
    }
}
