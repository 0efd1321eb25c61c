package io.github.modelrouter.upstream;

/**
 * Why an upstream exchange failed, classified the way the proxy must answer it: timeouts are 504,
 * the rest 502 (before the answer began) or an SSE error (after).
 *
 * @param kind the class of failure
 * @param message a client-safe description (no key, no proxy credentials, no internal address
 *     beyond the upstream and proxy hosts)
 */
public record UpstreamFailure(Kind kind, String message) {

    /** Failure classes. */
    public enum Kind {
        /** Could not connect: refused, unresolved host, TLS handshake failure other than the certificate. */
        CONNECT_FAILED,
        /**
         * The upstream's TLS certificate was rejected (untrusted issuer, expired, host name mismatch).
         * It will not heal by itself, so it is not retried on the same route.
         */
        CERTIFICATE,
        /** The outbound proxy refused the exchange (407, 403, other CONNECT refusals) or could not be reached. */
        PROXY_REFUSED,
        /** Connecting took longer than the route's connect timeout. */
        CONNECT_TIMEOUT,
        /** The upstream stayed silent longer than the idle timeout while it was free to send. */
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
