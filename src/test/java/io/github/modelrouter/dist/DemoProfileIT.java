package io.github.modelrouter.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.it.FakeUpstream;
import io.github.modelrouter.it.Http;
import io.github.modelrouter.it.RouteProperties;
import io.github.modelrouter.it.RouterDeployment;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WAR deployed with the demo profile chosen by a configuration source
 * ({@code mp.config.profile=demo} in the test's config jar, not a system property): the demo
 * servlet is registered, the {@code %demo.} keys apply, and a {@code /v1/messages} request through
 * the router is answered by it, as JSON and as SSE, with each route's thinking policy applied.
 *
 * <p>The demo profile points the routes at {@code 127.0.0.1:$PROXY_PORT/demo/<route>}, but
 * Arquillian deploys at a random port and context path, unknown when the configuration is
 * written. So the test overrides the upstreams (a non-profile key of a higher ordinal wins over
 * {@code %demo.}) with a relay on the fake upstream that passes each request on to the deployed
 * demo servlet, whose address is known once the test runs: the answer is still the demo's.
 */
@ExtendWith(ArquillianExtension.class)
class DemoProfileIT {

    @RegisterExtension
    static final FakeUpstream RELAY = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.none()
                .set("mp.config.profile", "demo")
                .route("opus").with("upstream", RELAY.url("relay/opus"))
                .route("sonnet").with("upstream", RELAY.url("relay/sonnet"))
                .route("haiku").with("upstream", RELAY.url("relay/haiku")));
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void relayToTheDeployedDemo() {
        RELAY.on("relay", this::relay);
    }

    /** {@code /relay/<route>/...} on the fake upstream becomes {@code <base>/demo/<route>/...}. */
    private void relay(FakeUpstream.Recorded request, com.sun.net.httpserver.HttpExchange exchange) throws Exception {
        HttpRequest forward = HttpRequest.newBuilder(Http.uri(base, "/demo" + request.path().substring("/relay".length())))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        HttpResponse<InputStream> answer = Http.client().send(forward, HttpResponse.BodyHandlers.ofInputStream());
        exchange.getResponseHeaders().set("content-type", answer.headers().firstValue("content-type").orElse("application/json"));
        exchange.sendResponseHeaders(answer.statusCode(), 0);
        try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    @Test
    void opusAnswersJsonWithoutTheDemoThinking() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-opus-4-5", false)));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("Model Router demo: served by route opus as deepseek-v4-pro."), response.body());
        assertFalse(response.body().contains("thinking"), "opus drops response thinking: " + response.body());
        FakeUpstream.Recorded relayed = RELAY.take();
        assertEquals("/relay/opus/v1/messages", relayed.path());
        assertEquals("demo-key-not-a-secret", relayed.header("x-api-key"), "the %demo. key applies");
    }

    @Test
    void sonnetStreamsWithTheDemoThinking() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-sonnet-4-5", true)));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        String sse = response.body();
        assertTrue(sse.startsWith("event: message_start"), sse);
        assertTrue(sse.contains("\"thinking_delta\""), "sonnet passes response thinking:\n" + sse);
        assertTrue(sse.contains("\"text\":\"kimi-for-coding.\""), sse);
        assertTrue(sse.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), sse);
    }

    @Test
    void haikuCountsTokensAtTheDemo() {
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages/count_tokens",
                "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"input_tokens\":[1-9][0-9]*}"), response.body());
        assertEquals("/relay/haiku/v1/messages/count_tokens", RELAY.take().path());
    }
}
