package io.github.modelrouter.upstream;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server certificate when the JDK's default trust does, or when a chain to one of the
 * configured extra CAs validates: a company CA is <em>added</em> to the public CAs, never put in
 * their place, so a route through a TLS-inspecting proxy and a route to a public provider can share
 * a trust store setting. When both refuse, the more telling refusal is thrown (an extra CA that
 * anchors the chain but finds it expired says more than "no path to a trust anchor").
 *
 * <p>Called by JSSE during handshakes on the I/O reactor threads; stateless after construction.
 */
final class CompositeTrustManager implements X509TrustManager {

    private final List<X509TrustManager> delegates;

    private CompositeTrustManager(List<X509TrustManager> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /** The JDK's default trust (honouring {@code javax.net.ssl.trustStore}) plus {@code extraCas}. */
    static CompositeTrustManager withExtraCas(List<X509Certificate> extraCas) throws GeneralSecurityException {
        List<X509TrustManager> delegates = new ArrayList<>();
        delegates.add(x509(null));
        if (!extraCas.isEmpty()) {
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                extra.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot create an in-memory key store", e);
            }
            for (int i = 0; i < extraCas.size(); i++) {
                extra.setCertificateEntry("extra-ca-" + i, extraCas.get(i));
            }
            delegates.add(x509(extra));
        }
        return new CompositeTrustManager(delegates);
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager from " + factory.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException refusal = null;
        for (X509TrustManager delegate : delegates) {
            try {
                delegate.checkServerTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                refusal = moreTelling(refusal, e);
            }
        }
        throw refusal;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException refusal = null;
        for (X509TrustManager delegate : delegates) {
            try {
                delegate.checkClientTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                refusal = moreTelling(refusal, e);
            }
        }
        throw refusal;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        Set<X509Certificate> issuers = new LinkedHashSet<>();
        for (X509TrustManager delegate : delegates) {
            issuers.addAll(List.of(delegate.getAcceptedIssuers()));
        }
        return issuers.toArray(new X509Certificate[0]);
    }

    private static CertificateException moreTelling(CertificateException earlier, CertificateException later) {
        if (earlier == null) {
            return later;
        }
        return noTrustAnchor(earlier) && !noTrustAnchor(later) ? later : earlier;
    }

    /** Whether the refusal only says that no configured CA issued the chain. */
    static boolean noTrustAnchor(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof CertPathBuilderException || message.contains("PKIX path building failed")
                    || message.contains("unable to find valid certification path")) {
                return true;
            }
        }
        return false;
    }
}
