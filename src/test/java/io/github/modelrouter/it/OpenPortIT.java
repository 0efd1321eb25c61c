package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "An open port is a target": web pages (Origin), DNS rebinding (Host), cross-site simple requests
 * (content-type), slow uploads (body deadline) and oversized bodies whose client stops sending.
 * After the slow and the oversized body, nothing may stay in flight: a leaked permit shows.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class OpenPortIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.max-concurrent", 4)
                .set("router.max-body-bytes", 1024)
                .set("router.body-timeout", 1)
                .set("router.allowed-origins", "https://ok.example")
                .set("router.allowed-hosts", "router.internal"));
    }

    @ArquillianResource
    URL base;

    private static final String BODY = Http.body("claude-haiku-4-5", false);

    @Test
    void aRequestFromAnUnlistedOriginIs403AndNeverForwarded() {
        HttpResponse<String> refused = Http.send(Http.post(base, "/v1/messages", BODY).header("origin", "https://evil.example"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("\"type\":\"permission_error\""), refused.body());
        assertEquals(403, Http.send(Http.post(base, "/v1/messages", BODY).header("origin", "null")).statusCode());
        assertEquals(403, Http.send(java.net.http.HttpRequest.newBuilder(Http.uri(base, "/health"))
                .header("origin", "https://evil.example").GET()).statusCode());
        assertEquals(0, UPSTREAM.received().size());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", BODY).header("origin", "https://OK.example")).statusCode());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", BODY)).statusCode(), "clients send no Origin");
    }

    @Test
    void onlyLoopbackIpAndListedHostsAreAccepted() throws Exception {
        assertEquals(403, statusWithHost("evil.example"));
        assertEquals(403, statusWithHost("localhost.evil.example:80"));
        assertEquals(0, UPSTREAM.received().size());
        for (String host : new String[] {"localhost", "localhost:" + base.getPort(), "claude.localhost", "127.0.0.1:1",
            "10.1.2.3", "[::1]:9099", "Router.Internal", "localhost."}) {
            assertEquals(200, statusWithHost(host), host);
        }
    }

    private int statusWithHost(String host) throws Exception {
        try (RawHttp http = new RawHttp(base, 10_000)) {
            http.head("POST", RawHttp.path(base, "/v1/messages"), "Host: " + host, "Content-Type: application/json",
                    "Content-Length: " + BODY.length(), "Connection: close").send(BODY);
            return RawHttp.status(http.readHead());
        }
    }

    @Test
    void onlyJsonIsAccepted() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonx"}) {
            HttpResponse<String> refused = Http.send(Http.post(base, "/v1/messages", BODY).setHeader("content-type", type));
            assertEquals(415, refused.statusCode(), type);
            assertTrue(refused.body().contains("\"type\":\"invalid_request_error\""), refused.body());
        }
        assertEquals(415, Http.send(Http.post(base, "/v1/messages/count_tokens", BODY).setHeader("content-type", "text/plain"))
                .statusCode());
        assertEquals(0, UPSTREAM.received().size());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", BODY).setHeader("content-type", "Application/JSON; charset=utf-8"))
                .statusCode());
    }

    @Test
    void aBodyThatStopsArrivingIs408AndFreesThePermit() throws Exception {
        assertPartialBodyIsRefused(500, "{\"model\":\"claude-haiku-4-5\",", 408, "timeout_error");
    }

    @Test
    void aBodyOverTheCapGets413AtOnceEvenWhenTheClientStopsSending() throws Exception {
        // a reader that waited for the rest would answer 408 at the body deadline instead
        assertPartialBodyIsRefused(100_000, "{\"model\":\"claude-haiku-4-5\",\"x\":\"" + "a".repeat(2000),
                413, "request_too_large");
    }

    /**
     * Declares {@code declared} bytes, sends {@code sent} and then nothing: the answer is
     * {@code status} with {@code type}, nothing stays in flight, nothing was forwarded.
     */
    private void assertPartialBodyIsRefused(int declared, String sent, int status, String type) throws Exception {
        try (RawHttp http = new RawHttp(base, 20_000)) {
            http.head("POST", RawHttp.path(base, "/v1/messages"), "Host: localhost", "Content-Type: application/json",
                    "Content-Length: " + declared).send(sent);
            String head = http.readHead();
            assertEquals(status, RawHttp.status(head), head);
            assertTrue(http.readBody(RawHttp.contentLength(head)).contains("\"type\":\"" + type + "\""));
        }
        Http.awaitNothingInFlight(base);
        assertEquals(0, UPSTREAM.received().size());
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", BODY)).statusCode());
    }
}
