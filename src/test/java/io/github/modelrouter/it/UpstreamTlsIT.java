package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.tls.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Upstreams over real TLS (issue 15): fakes presenting certificates of a CA made at test time, a
 * route that trusts that CA through its trust store (PEM or PKCS#12) and routes that must refuse
 * the upstream with a 502 naming the reason: unknown issuer, expired, another host.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamTlsIT {

    static final TestPki CA = TestPki.create("Model Router Test CA");
    static final FakeUpstream GOOD = FakeUpstream.start(CA.issue("localhost").serverContext());
    static final FakeUpstream EXPIRED = FakeUpstream.start(CA.issueExpired("localhost").serverContext());
    static final FakeUpstream OTHER_HOST = FakeUpstream.start(CA.issue("other.example").serverContext());
    static final Path DIR = tempDir();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String pem = CA.writePem(DIR.resolve("company-ca.pem")).toString();
        String p12 = CA.writePkcs12(DIR.resolve("company-ca.p12"), "changeit").toString();
        RouteProperties p = RouteProperties.none();
        p.set("router.routes", "pem,pkcs12,unknownca,expired,wronghost");
        tlsRoute(p, "pem", GOOD.url("localhost", "good"), pem);
        tlsRoute(p, "pkcs12", GOOD.url("localhost", "good"), p12);
        p.set("router.route.pkcs12.trust-store-password", "changeit");
        tlsRoute(p, "unknownca", GOOD.url("localhost", "good"), null);
        tlsRoute(p, "expired", EXPIRED.url("localhost", "expired"), pem);
        // retries allowed: a certificate failure must still not be tried again on this route
        p.set("router.route.expired.retries", "2");
        tlsRoute(p, "wronghost", OTHER_HOST.url("localhost", "other"), pem);
        p.set("router.route.pem.response-thinking", "drop");
        return RouterDeployment.war(p);
    }

    private static void tlsRoute(RouteProperties p, String name, String upstream, String trustStore) {
        p.route(name, upstream);
        p.set("router.route." + name + ".match", "tls-" + name);
        if (trustStore != null) {
            p.set("router.route." + name + ".trust-store", trustStore);
        }
    }

    @ArquillianResource
    URL base;

    @AfterAll
    static void stop() {
        GOOD.close();
        EXPIRED.close();
        OTHER_HOST.close();
    }

    @Test
    void upstreamTrustedThroughThePemTrustStoreAnswersAndStreams() {
        HttpResponse<String> json = Http.send(Http.post(base, "/v1/messages", Http.body("tls-pem", false)));
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("served by /good/v1/messages"), json.body());

        HttpResponse<String> stream = Http.send(Http.post(base, "/v1/messages", Http.body("tls-pem", true)));
        assertEquals(200, stream.statusCode(), stream.body());
        assertTrue(stream.body().contains("event: content_block_delta"), stream.body());
        assertTrue(stream.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), stream.body());
    }

    @Test
    void upstreamTrustedThroughAPkcs12TrustStoreAnswers() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("tls-pkcs12", true)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("event: message_stop"), response.body());
    }

    @Test
    void unknownIssuerIs502NamingIt() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("tls-unknownca", false)));
        assertCertificateRejected(response, "untrusted issuer");
    }

    @Test
    void expiredCertificateIs502NamingItAndIsNotRetried() throws Exception {
        int handshakesBefore = EXPIRED.handshakes();
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("tls-expired", true)));
        assertCertificateRejected(response, "expired");
        assertEquals(handshakesBefore + 1, EXPIRED.handshakes(), "one handshake, no retry on the same route");
        assertEquals(null, EXPIRED.poll(Duration.ZERO), "no request reached the upstream");
    }

    @Test
    void certificateForAnotherHostIs502NamingIt() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("tls-wronghost", false)));
        assertCertificateRejected(response, "host name mismatch");
        assertTrue(OTHER_HOST.received().isEmpty(), "the request body never went to the wrong host");
    }

    @Test
    void healthShowsTheCertificateFailureAndTheTrustStores() {
        Http.send(Http.post(base, "/v1/messages", Http.body("tls-wronghost", false)));
        Http.send(Http.post(base, "/v1/messages", Http.body("tls-pem", false)));
        HttpResponse<String> health = Http.get(base, "/health");
        String body = health.body();
        assertEquals(503, health.statusCode(), body);
        assertTrue(body.matches("(?s).*\"wronghost\":\\{[^}]*\"certificate_error\":\"TLS certificate of upstream localhost"
                + " rejected: host name mismatch.*"), body);
        assertTrue(body.matches("(?s).*\"pem\":\\{[^}]*\"trust_stores\":\\[\"[^\"]*company-ca.pem\"\\][^}]*\"status\":\"ok\".*"), body);
        assertFalse(body.contains("changeit"), body);
    }

    private static void assertCertificateRejected(HttpResponse<String> response, String reason) {
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\""), response.body());
        assertTrue(response.body().contains("TLS certificate of upstream localhost rejected: " + reason), response.body());
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("router-tls-it");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
