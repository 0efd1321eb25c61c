package io.github.modelrouter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.tls.TestPki;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Extra CAs are added to the JDK's trust, never put in its place. */
class CompositeTrustManagerTest {

    private static final TestPki CA = TestPki.create("Composite Test CA");

    @Test
    void stillTrustsEveryCaTheJdkTrusts() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509Certificate[] jdk = ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers();
        assertTrue(jdk.length > 50, "the JDK ships public CAs: " + jdk.length);

        Set<X509Certificate> composite = Set.of(CompositeTrustManager.withExtraCas(List.of(CA.caCertificate())).getAcceptedIssuers());
        assertTrue(composite.containsAll(List.of(jdk)), "every JDK CA is still trusted");
        assertTrue(composite.contains(CA.caCertificate()), "and the extra CA");
        assertEquals(jdk.length + 1, composite.size());
    }

    @Test
    void chainOfTheExtraCaIsTrustedOnlyWithIt() throws Exception {
        X509Certificate[] chain = CA.issue("llm.corp.example").chain();
        CompositeTrustManager.withExtraCas(List.of(CA.caCertificate())).checkServerTrusted(chain, "RSA");
        CertificateException refused = assertThrows(CertificateException.class,
                () -> CompositeTrustManager.withExtraCas(List.of()).checkServerTrusted(chain, "RSA"));
        assertTrue(CompositeTrustManager.noTrustAnchor(refused), refused.toString());
    }

    @Test
    void anExpiredChainIsReportedAsExpiredNotAsUnknown() throws Exception {
        X509Certificate[] chain = CA.issueExpired("llm.corp.example").chain();
        CertificateException refused = assertThrows(CertificateException.class,
                () -> CompositeTrustManager.withExtraCas(List.of(CA.caCertificate())).checkServerTrusted(chain, "RSA"));
        javax.net.ssl.SSLHandshakeException handshake = new javax.net.ssl.SSLHandshakeException("handshake");
        handshake.initCause(refused);
        UpstreamFailure failure = FailureClassifier.certificateFailure(handshake, "llm.corp.example").orElseThrow();
        assertEquals(UpstreamFailure.Kind.CERTIFICATE, failure.kind());
        assertTrue(failure.message().endsWith("rejected: expired (its validity period has ended)"), failure.message());
    }
}
