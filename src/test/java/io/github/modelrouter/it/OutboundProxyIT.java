package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.tls.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
 * Upstreams behind a real forward proxy (issue 15): https through a CONNECT tunnel and http as
 * absolute-URI requests, Basic credentials from the proxy URL, NO_PROXY hosts going direct, and a
 * 502 that says so when the proxy refuses (407, 403) or is not there. Credentials never show.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundProxyIT {

    static final String USER = "team";
    static final String PASSWORD = "s3cret@corp";
    static final TestPki CA = TestPki.create("Proxy Test CA");
    static final FakeUpstream TLS_UPSTREAM = FakeUpstream.start(CA.issue("localhost").serverContext());
    static final FakeUpstream PLAIN_UPSTREAM = FakeUpstream.start();
    static final ForwardProxy OPEN = ForwardProxy.open();
    static final ForwardProxy AUTH = ForwardProxy.requiringCredentials(USER, PASSWORD);
    static final ForwardProxy DENY = ForwardProxy.denyingAll();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String pem = CA.writePem(tempDir().resolve("ca.pem")).toString();
        RouteProperties p = RouteProperties.none();
        p.set("router.routes", "tunnel,plain,auth,authplain,wrongauth,noauth,denied,refused,bypass,global");
        p.set("router.trust-store", pem);
        // the global proxy, with NO_PROXY (read like an environment variable) sending localhost direct
        p.set("router.proxy", OPEN.url(null));
        p.set("NO_PROXY", "example.org, localhost");
        route(p, "tunnel", TLS_UPSTREAM.url("localhost", "tunnel"), OPEN.url(null));
        p.set("router.route.tunnel.response-thinking", "drop");
        route(p, "plain", PLAIN_UPSTREAM.url("plain"), OPEN.url(null));
        route(p, "auth", TLS_UPSTREAM.url("localhost", "auth"), AUTH.url(USER + ":s3cret%40corp"));
        route(p, "authplain", PLAIN_UPSTREAM.url("authplain"), AUTH.url(USER + ":s3cret%40corp"));
        route(p, "wrongauth", TLS_UPSTREAM.url("localhost", "wrongauth"), AUTH.url(USER + ":not-it"));
        route(p, "noauth", PLAIN_UPSTREAM.url("noauth"), AUTH.url(null));
        route(p, "denied", TLS_UPSTREAM.url("localhost", "denied"), DENY.url(null));
        route(p, "refused", TLS_UPSTREAM.url("localhost", "refused"), "http://127.0.0.1:" + RouterDeployment.unusedPort());
        route(p, "bypass", TLS_UPSTREAM.url("localhost", "bypass"), null);
        route(p, "global", PLAIN_UPSTREAM.url("global"), null);
        return RouterDeployment.war(p);
    }

    private static void route(RouteProperties p, String name, String upstream, String proxy) {
        p.route(name, upstream);
        // "via-<name>." keeps one route's keyword from being a substring of another's model
        p.set("router.route." + name + ".match", "via-" + name + ".");
        if (proxy != null) {
            p.set("router.route." + name + ".proxy", proxy);
        }
    }

    @ArquillianResource
    URL base;

    @AfterAll
    static void stop() {
        TLS_UPSTREAM.close();
        PLAIN_UPSTREAM.close();
        OPEN.close();
        AUTH.close();
        DENY.close();
    }

    @Test
    void httpsUpstreamIsReachedThroughAConnectTunnelAndStreams() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("via-tunnel.", true)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("event: content_block_delta"), response.body());
        assertTrue(response.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), response.body());
        assertTrue(OPEN.tunnels().contains("localhost:" + port(TLS_UPSTREAM)), OPEN.tunnels().toString());
    }

    @Test
    void httpUpstreamIsReachedByForwardingTheRequest() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("via-plain.", false)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("served by /plain/v1/messages"), response.body());
        assertTrue(OPEN.forwarded().contains(PLAIN_UPSTREAM.url("plain") + "/v1/messages"), OPEN.forwarded().toString());
    }

    @Test
    void credentialsFromTheProxyUrlAuthenticateTunnelsAndForwardedRequests() {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tunnelled = Http.send(Http.post(base, "/v1/messages", Http.body("via-auth.", true)));
        assertEquals(200, tunnelled.statusCode(), tunnelled.body());
        assertTrue(tunnelled.body().contains("event: message_stop"), tunnelled.body());
        HttpResponse<String> forwarded = Http.send(Http.post(base, "/v1/messages", Http.body("via-authplain.", false)));
        assertEquals(200, forwarded.statusCode(), forwarded.body());
        assertTrue(AUTH.authorizations().contains(expected), AUTH.authorizations().toString());
        // the proxy's credentials go to the proxy, never on to the provider
        assertTrue(PLAIN_UPSTREAM.received().stream().anyMatch(r -> r.path().startsWith("/authplain/")),
                AUTH.forwarded().toString());
        assertTrue(PLAIN_UPSTREAM.received().stream().allMatch(r -> r.header("proxy-authorization") == null));
    }

    @Test
    void proxyAnswering407Is502SayingSoWithoutTheCredentials() {
        HttpResponse<String> wrong = Http.send(Http.post(base, "/v1/messages", Http.body("via-wrongauth.", false)));
        assertProxyRefused(wrong, "proxy 127.0.0.1:" + AUTH.port() + " refused the connection to upstream localhost: 407");
        assertTrue(wrong.body().contains("it rejected the credentials in router.route.wrongauth.proxy"), wrong.body());
        assertFalse(wrong.body().contains("not-it"), wrong.body());

        HttpResponse<String> none = Http.send(Http.post(base, "/v1/messages", Http.body("via-noauth.", false)));
        assertProxyRefused(none, "refused the connection to upstream 127.0.0.1: 407");
        assertTrue(none.body().contains("it wants credentials"), none.body());
    }

    @Test
    void proxyAnswering403Is502SayingSo() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("via-denied.", true)));
        assertProxyRefused(response, "proxy 127.0.0.1:" + DENY.port() + " refused the connection to upstream localhost: 403");
        assertTrue(response.body().contains("does not allow this destination"), response.body());
    }

    @Test
    void proxyNotListeningIs502NamingTheProxy() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("via-refused.", false)));
        assertProxyRefused(response, "cannot connect to proxy 127.0.0.1:");
        assertTrue(response.body().contains("connection refused"), response.body());
    }

    @Test
    void noProxyHostsGoDirectAndOthersTakeTheGlobalProxy() {
        int tunnelsBefore = OPEN.tunnels().size();
        HttpResponse<String> direct = Http.send(Http.post(base, "/v1/messages", Http.body("via-bypass.", false)));
        assertEquals(200, direct.statusCode(), direct.body());
        assertEquals(tunnelsBefore, OPEN.tunnels().size(), "localhost is in NO_PROXY: no tunnel");

        HttpResponse<String> proxied = Http.send(Http.post(base, "/v1/messages", Http.body("via-global.", false)));
        assertEquals(200, proxied.statusCode(), proxied.body());
        assertTrue(OPEN.forwarded().contains(PLAIN_UPSTREAM.url("global") + "/v1/messages"), OPEN.forwarded().toString());
    }

    @Test
    void healthNamesEachRoutesProxyWithoutCredentials() {
        String body = Http.get(base, "/health").body();
        assertTrue(body.matches("(?s).*\"auth\":\\{[^}]*\"proxy\":\"127.0.0.1:" + AUTH.port() + "\".*"), body);
        assertTrue(body.matches("(?s).*\"bypass\":\\{[^}]*\"proxy\":\"none\".*"), body);
        assertTrue(body.matches("(?s).*\"global\":\\{[^}]*\"proxy\":\"127.0.0.1:" + OPEN.port() + "\".*"), body);
        assertFalse(body.contains("s3cret"), body);
        assertFalse(body.contains(USER + ":"), body);
    }

    private static void assertProxyRefused(HttpResponse<String> response, String message) {
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\""), response.body());
        assertTrue(response.body().contains(message), response.body());
        assertFalse(response.body().contains("s3cret"), response.body());
    }

    private static int port(FakeUpstream upstream) {
        return java.net.URI.create(upstream.url("x")).getPort();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("router-proxy-it");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
