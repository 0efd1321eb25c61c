package io.github.modelrouter.upstream;

/**
 * Why an upstream exchange failed, classified the way the proxy must answer it: timeouts are 504,
 * the rest 502 (before the answer began) or an SSE error (after).
 *
 * @param kind the class of failure
 * @param message a client-safe description (no key, no internal address beyond the upstream host)
 */
public record UpstreamFailure(Kind kind, String message) {

    /** Failure classes. */
    public enum Kind {
        /** Could not connect: refused, unresolved host, TLS failure. */
        CONNECT_FAILED,
        /** Connecting took longer than the route's connect timeout. */
        CONNECT_TIMEOUT,
        /** The upstream stayed silent longer than the idle timeout. */
        IDLE_TIMEOUT,
        /** The whole exchange took longer than the total timeout. */
        TOTAL_TIMEOUT,
        /** The connection broke or the upstream sent something unparseable. */
        BROKEN,
        /** The answer outgrew what may be buffered for a client that is not reading. */
        OVERFLOW,
        /** The exchange was cancelled by the proxy (client gone, shutdown). */
        CANCELLED
    }

    /** Whether the proxy answers this with 504 {@code timeout_error}. */
    public boolean isTimeout() {
        return kind == Kind.CONNECT_TIMEOUT || kind == Kind.IDLE_TIMEOUT || kind == Kind.TOTAL_TIMEOUT;
    }
}
