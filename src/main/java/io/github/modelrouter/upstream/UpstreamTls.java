package io.github.modelrouter.upstream;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.ssl.TLS;

/**
 * The TLS side of reaching an upstream: TLS 1.3 or 1.2 only, the certificate chain checked against
 * the JDK's trust plus a route's extra CAs ({@link CompositeTrustManager}), and the host name
 * checked against the certificate after the handshake. SNI comes from the JDK (the engine is
 * created for the upstream's host name) and ALPN from HttpClient when HTTP/2 is negotiated.
 */
final class UpstreamTls {

    /** Versions offered: older ones are broken, and no provider needs them. */
    static final TLS[] VERSIONS = {TLS.V_1_3, TLS.V_1_2};

    private UpstreamTls() {
    }

    static TlsStrategy strategy(List<X509Certificate> extraCas) {
        return ClientTlsStrategyBuilder.create()
                .setSslContext(sslContext(extraCas))
                .setTlsVersions(VERSIONS)
                // HttpClient's own check (not JSSE's endpoint identification) so that a wrong host
                // fails with SSLPeerUnverifiedException, which FailureClassifier can name as such
                .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                .setHostnameVerifier(new DefaultHostnameVerifier())
                .buildAsync();
    }

    static SSLContext sslContext(List<X509Certificate> extraCas) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {CompositeTrustManager.withExtraCas(extraCas)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for upstreams: " + e.getMessage(), e);
        }
    }
}
