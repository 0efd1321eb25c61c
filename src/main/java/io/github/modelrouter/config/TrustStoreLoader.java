package io.github.modelrouter.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the CA certificates of a trust-store file: a PEM bundle (one or more
 * {@code -----BEGIN CERTIFICATE-----} blocks, as company CAs are usually handed out) or a PKCS#12
 * file (as {@code keytool} writes). The format is told by the content, not the file name.
 */
final class TrustStoreLoader {

    private TrustStoreLoader() {
    }

    /** Why a trust store could not be used; the message is safe to show (never the password). */
    static final class TrustStoreException extends Exception {
        TrustStoreException(String message) {
            super(message);
        }
    }

    static List<X509Certificate> load(Path path, Secret password) throws TrustStoreException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            throw new TrustStoreException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        List<X509Certificate> certificates = looksLikePem(bytes) ? pem(path, bytes) : pkcs12(path, bytes, password);
        if (certificates.isEmpty()) {
            throw new TrustStoreException(path + " holds no certificate");
        }
        return List.copyOf(certificates);
    }

    private static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static List<X509Certificate> pem(Path path, byte[] bytes) throws TrustStoreException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new TrustStoreException(path + " is not a valid PEM certificate bundle (" + e.getMessage() + ")");
        }
    }

    private static List<X509Certificate> pkcs12(Path path, byte[] bytes, Secret password) throws TrustStoreException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password.value().toCharArray());
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                // trusted-certificate entries, and the chain of a key entry (a server's own file)
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
            return certificates;
        } catch (IOException e) {
            throw new TrustStoreException(path + " is neither a PEM bundle nor a PKCS#12 file that opens with the"
                    + " configured trust-store-password (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new TrustStoreException(path + " cannot be read as PKCS#12 (" + e.getClass().getSimpleName() + ")");
        }
    }
}
