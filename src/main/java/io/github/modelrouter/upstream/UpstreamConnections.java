package io.github.modelrouter.upstream;

/**
 * How many upstream connections the pools hold: {@code leased} carry an exchange now, {@code idle}
 * wait for reuse. A connection that timed out, broke or was cancelled is in neither: it is closed.
 */
public record UpstreamConnections(int leased, int idle) {
}
