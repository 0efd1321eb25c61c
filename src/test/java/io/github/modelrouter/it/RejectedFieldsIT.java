package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Learned rejected fields (SPEC "Claude Code as a client", {@code learn-rejected-fields}): an
 * upstream that refuses {@code context_management} with a real-looking 400 costs the client
 * nothing (it sees 200), the route strips the field (and its paired beta) from then on, and
 * {@code /health} lists it. A route that does not learn passes the 400 on.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RejectedFieldsIT {

    private static final String REJECTION = "{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"context_management\"],"
            + "\"msg\":\"Extra inputs are not permitted\",\"input\":{\"edits\":[]}}]}";
    private static final String BETAS = "claude-code-20250219,context-management-2025-06-27,interleaved-thinking-2025-05-14";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .route("opus").with("retries", 0)
                .route("sonnet").with("retries", 0).with("learn-rejected-fields", false));
    }

    @ArquillianResource
    URL base;

    private static FakeUpstream.Responder rejectingContextManagement() {
        return (request, exchange) -> {
            if (request.bodyText().contains("\"context_management\"")) {
                FakeUpstream.sendJson(exchange, 400, REJECTION, Map.of());
            } else {
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "fine"), Map.of());
            }
        };
    }

    private static String claudeCodeBody(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"context_management\":{\"edits\":[{\"type\":"
                + "\"clear_thinking_20251015\",\"keep\":\"all\"}]},\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    }

    @Test
    @Order(1)
    void aRejectedFieldIsLearnedTheClientSees200AndLaterRequestsGoWithoutIt() throws Exception {
        UPSTREAM.on("deepseek", rejectingContextManagement());
        HttpResponse<String> first = Http.send(Http.post(base, "/v1/messages", claudeCodeBody("claude-opus-4-5"))
                .header("anthropic-beta", BETAS));
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("fine"), first.body());
        FakeUpstream.Recorded rejected = UPSTREAM.poll(Duration.ofSeconds(5));
        assertTrue(rejected.bodyText().contains("context_management"), "the first try carried the field");
        FakeUpstream.Recorded retried = UPSTREAM.poll(Duration.ofSeconds(5));
        assertFalse(retried.bodyText().contains("context_management"), retried.bodyText());
        assertTrue(retried.bodyText().contains("\"messages\""), retried.bodyText());
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14", retried.header("anthropic-beta"));

        HttpResponse<String> second = Http.send(Http.post(base, "/v1/messages", claudeCodeBody("claude-opus-4-5"))
                .header("anthropic-beta", BETAS));
        assertEquals(200, second.statusCode(), second.body());
        FakeUpstream.Recorded later = UPSTREAM.poll(Duration.ofSeconds(5));
        assertFalse(later.bodyText().contains("context_management"), "stripped before it is rejected again");
        assertEquals("claude-code-20250219,interleaved-thinking-2025-05-14", later.header("anthropic-beta"));
        assertNull(UPSTREAM.poll(Duration.ofMillis(200)), "one upstream request for the second client request");

        String health = Http.get(base, "/health").body();
        assertTrue(health.matches("(?s).*\"opus\":\\{[^}]*\"rejected_fields\":\\[\"context_management\"].*"), health);
        String metrics = Http.get(base, "/metrics").body();
        assertTrue(metrics.contains("router_rejected_fields_learned_total{route=\"opus\"} 1.0"), metrics);
    }

    @Test
    void aRouteThatDoesNotLearnPassesThe400On() {
        UPSTREAM.on("kimi", rejectingContextManagement());
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", claudeCodeBody("claude-sonnet-4-5")));
        assertEquals(400, response.statusCode());
        assertEquals(REJECTION, response.body());
        String health = Http.get(base, "/health").body();
        assertTrue(health.matches("(?s).*\"sonnet\":\\{[^}]*\"rejected_fields\":\\[].*"), health);
    }

    @Test
    void anErrorNamingNoFieldIsPassedOnAsItCame() {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}";
        UPSTREAM.on("minimax", (request, exchange) -> FakeUpstream.sendJson(exchange, 400, error, Map.of("x-should-retry", "false")));
        HttpResponse<String> response = Http.send(Http.post(base, "/v1/messages", Http.body("claude-haiku-4-5", false)));
        assertEquals(400, response.statusCode());
        assertEquals(error, response.body());
        assertEquals("false", response.headers().firstValue("x-should-retry").orElse(null));
        assertEquals("upstream-req-1", response.headers().firstValue("request-id").orElse(null));
    }
}
