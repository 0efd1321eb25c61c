package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.impl.TunnelRefusedException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/**
 * Maps HttpClient's exceptions to the proxy's failure classes, with client-safe messages that say
 * what went wrong in the user's terms: which certificate check failed, whether it was the proxy or
 * the provider that could not be reached. Messages name hosts, never credentials.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    /**
     * @param proxy the proxy the exchange went through, or null when direct: every connection is
     *     then made to the proxy, so a refused connect is the proxy's
     */
    static UpstreamFailure classify(Throwable cause, String upstreamHost, ProxySetting proxy, boolean headReceived) {
        // certificate causes sit deep under the handshake exception: look at the whole chain first
        Optional<UpstreamFailure> certificate = certificateFailure(cause, upstreamHost);
        if (certificate.isPresent() && !headReceived) {
            return certificate.get();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TunnelRefusedException refused) {
                return proxyRefused(proxy, upstreamHost, refused.getResponse());
            }
            if (t instanceof ConnectTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_TIMEOUT, proxy == null
                        ? "timed out connecting to upstream " + upstreamHost
                        : "timed out connecting to proxy " + proxy.address() + " (on the way to upstream " + upstreamHost + ")");
            }
            if (t instanceof DeadlineTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_TIMEOUT,
                        "no connection to upstream " + upstreamHost + " became available in time");
            }
            if (t instanceof SocketTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.IDLE_TIMEOUT,
                        "upstream " + upstreamHost + " sent nothing within the idle timeout");
            }
            if (t instanceof HttpHostConnectException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return proxy == null
                        ? new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED, "cannot connect to upstream " + upstreamHost)
                        : new UpstreamFailure(UpstreamFailure.Kind.PROXY_REFUSED, "cannot connect to proxy "
                                + proxy.address() + " (from " + proxy.source() + "): " + connectReason(t)
                                + "; upstream " + upstreamHost + " was not reached");
            }
            if (t instanceof SSLException && !headReceived) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED,
                        "TLS handshake with upstream " + upstreamHost + " failed" + detail(t));
            }
            if (t instanceof CancellationException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled");
            }
        }
        return new UpstreamFailure(UpstreamFailure.Kind.BROKEN,
                headReceived ? "upstream " + upstreamHost + " broke off the answer"
                        : "upstream " + upstreamHost + " closed the connection before answering");
    }

    private static UpstreamFailure proxyRefused(ProxySetting proxy, String upstreamHost, HttpResponse response) {
        int status = response == null ? 0 : response.getCode();
        String phrase = response == null || response.getReasonPhrase() == null ? "" : response.getReasonPhrase();
        return proxyRefused(proxy, upstreamHost, status, phrase);
    }

    /** {@code proxy} answered {@code status} itself (a refused CONNECT, or a 407 to a forwarded request). */
    static UpstreamFailure proxyRefused(ProxySetting proxy, String upstreamHost, int status, String phrase) {
        String name = proxy == null ? "the proxy" : "proxy " + proxy.address();
        String source = proxy == null ? "the proxy setting" : proxy.source();
        String answer = (status + " " + (phrase == null ? "" : phrase)).trim();
        String message = switch (status) {
            case 407 -> name + " refused the connection to upstream " + upstreamHost + ": " + answer
                    + (proxy != null && proxy.hasCredentials()
                            ? " (it rejected the credentials in " + source + ")"
                            : " (it wants credentials: put user:password@ in the URL of " + source + ")");
            case 403 -> name + " refused the connection to upstream " + upstreamHost + ": " + answer
                    + " (the proxy does not allow this destination)";
            default -> name + " could not open a tunnel to upstream " + upstreamHost + ": " + answer;
        };
        return new UpstreamFailure(UpstreamFailure.Kind.PROXY_REFUSED, message);
    }

    /** Which certificate check failed, when the chain says it was one. */
    static Optional<UpstreamFailure> certificateFailure(Throwable cause, String upstreamHost) {
        String reason = null;
        for (Throwable t = cause; t != null && reason == null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                reason = "expired (its validity period has ended)";
            } else if (t instanceof CertificateNotYetValidException) {
                reason = "not yet valid (its validity period has not begun)";
            } else if (t instanceof CertPathValidatorException invalid
                    && invalid.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                reason = "expired (its validity period has ended)";
            } else if (t instanceof CertPathValidatorException invalid
                    && invalid.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                reason = "not yet valid (its validity period has not begun)";
            } else if (t instanceof SSLPeerUnverifiedException) {
                reason = "host name mismatch (the certificate is not issued for " + upstreamHost + ")";
            }
        }
        if (reason == null && cause != null && hasHandshakeFailure(cause) && CompositeTrustManager.noTrustAnchor(cause)) {
            reason = "untrusted issuer (no CA of the JDK's trust store, router.trust-store or the route's"
                    + " trust-store issued it)";
        }
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamFailure(UpstreamFailure.Kind.CERTIFICATE,
                "TLS certificate of upstream " + upstreamHost + " rejected: " + reason));
    }

    private static boolean hasHandshakeFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String connectReason(Throwable t) {
        if (t instanceof UnknownHostException) {
            return "unknown host";
        }
        String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("refused") ? "connection refused" : "no connection";
    }

    private static String detail(Throwable t) {
        // JSSE messages name protocols and alerts, never secrets; keep them short
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        return ": " + (message.length() > 160 ? message.substring(0, 160) + "…" : message);
    }
}
