package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inbound auth with router.auth.tokens: 401 without a known token, 200 with one; health stays open. */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class ClientAuthIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.auth.tokens", "team-token-1,team-token-2"));
    }

    @ArquillianResource
    URL base;

    @Test
    void requestsWithoutAKnownTokenAre401AndNeverForwarded() throws Exception {
        for (HttpRequest.Builder request : new HttpRequest.Builder[] {
                Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)),
                Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)).header("x-api-key", "team-token-3"),
                Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)).header("authorization", "Bearer team-token"),
                Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)).header("x-api-key", "")}) {
            HttpResponse<String> response = Http.send(request);
            assertEquals(401, response.statusCode());
            assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\""),
                    response.body());
        }
        assertEquals(0, UPSTREAM.received().size());
    }

    @Test
    void eitherHeaderWithAKnownTokenPasses() {
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false))
                .header("x-api-key", "team-token-1")).statusCode());
        FakeUpstream.Recorded first = UPSTREAM.take();
        assertEquals("Bearer test-minimax-key", first.header("authorization"), "the client's token is replaced");
        assertEquals(200, Http.send(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", false))
                .header("authorization", "Bearer team-token-2")).statusCode());
        FakeUpstream.Recorded second = UPSTREAM.take();
        assertEquals("test-deepseek-key", second.header("x-api-key"));
        assertEquals(null, second.header("authorization"), "the client's token never goes upstream");
    }

    @Test
    void withTokensEveryHostIsAccepted() throws Exception {
        String body = Http.body("claude-haiku-4-5", false);
        try (RawHttp http = new RawHttp(base, 10_000)) {
            http.head("POST", RawHttp.path(base, "/v1/messages"), "Host: router.team.example", "x-api-key: team-token-1",
                    "Content-Type: application/json", "Content-Length: " + body.length(), "Connection: close").send(body);
            assertEquals(200, RawHttp.status(http.readHead()));
        }
        assertEquals("/minimax/v1/messages", UPSTREAM.take().path()); // taken: other tests count what arrives
    }

    @Test
    void healthStaysOpenAndMetricsNeedAToken() {
        assertEquals(200, Http.get(base, "/health").statusCode());
        assertEquals(401, Http.get(base, "/metrics").statusCode());
        assertEquals(401, Http.get(base, "/metrics/summary").statusCode());
        assertEquals(200, Http.send(HttpRequest.newBuilder(Http.uri(base, "/metrics"))
                .header("authorization", "Bearer team-token-1").GET()).statusCode());
        assertEquals(200, Http.get(base, "/").statusCode(), "the status page itself is static");
    }
}
