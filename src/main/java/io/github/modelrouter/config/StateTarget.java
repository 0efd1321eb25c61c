package io.github.modelrouter.config;

import java.util.Objects;

/**
 * Where the router keeps the state replicas share ({@code router.state}): in this process
 * ({@code memory}, the default) or in a Redis server ({@code redis://host:port[/db]}).
 *
 * @param host Redis host; empty for memory
 * @param port Redis port; 0 for memory
 * @param database Redis database number
 */
public record StateTarget(String host, int port, int database) {

    /** In-process state, shared by nobody. */
    public static final StateTarget MEMORY = new StateTarget("", 0, 0);

    public StateTarget {
        Objects.requireNonNull(host, "host");
    }

    public boolean redis() {
        return !host.isEmpty();
    }

    /** How it is shown in logs and {@code /health}: never credentials (none are accepted). */
    public String describe() {
        return redis() ? "redis://" + host + ":" + port + "/" + database : "memory";
    }
}
