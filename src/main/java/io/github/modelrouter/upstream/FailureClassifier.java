package io.github.modelrouter.upstream;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/** Maps HttpClient's exceptions to the proxy's failure classes, with client-safe messages. */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static UpstreamFailure classify(Throwable cause, String upstreamHost, boolean headReceived) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_TIMEOUT,
                        "timed out connecting to upstream " + upstreamHost);
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
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED,
                        "cannot connect to upstream " + upstreamHost);
            }
            if (t instanceof SSLException && !headReceived) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_FAILED,
                        "TLS handshake with upstream " + upstreamHost + " failed");
            }
            if (t instanceof CancellationException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled");
            }
        }
        return new UpstreamFailure(UpstreamFailure.Kind.BROKEN,
                headReceived ? "upstream " + upstreamHost + " broke off the answer"
                        : "upstream " + upstreamHost + " closed the connection before answering");
    }
}
