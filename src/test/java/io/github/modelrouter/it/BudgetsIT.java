package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Costs and budgets on one router with in-process state: each answer's cost (shipped MiniMax
 * prices, fake usage of 12 in / 5 out) in the log line, the metric and the summary; named clients'
 * tokens joining inbound auth; a client over its limit gets 429 and nothing is forwarded.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class BudgetsIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @RegisterExtension
    static final AccessLogLines ACCESS_LOG = new AccessLogLines();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.clients", "alice,carol,dave")
                .set("router.client.alice.token", "tok-alice").set("router.client.alice.requests-per-minute", "2")
                .set("router.client.carol.token", "tok-carol").set("router.client.carol.tokens-per-day", "10")
                .set("router.client.dave.token", "tok-dave"));
    }

    @ArquillianResource
    URL base;

    static HttpResponse<String> send(URL base, String token, String model, boolean stream) {
        return Http.send(Http.post(base, "/v1/messages", Http.body(model, stream)).header("x-api-key", token));
    }

    /** Fixed minute windows: a test that needs a few requests in one minute starts early in one. */
    static void awaitRoomInThisMinute() throws InterruptedException {
        long intoMinute = Instant.now().toEpochMilli() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }

    static void assertRateLimited(HttpResponse<String> response, int maxRetryAfter) {
        assertEquals(429, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\""), response.body());
        long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= maxRetryAfter, "retry-after " + retryAfter);
    }

    @Test
    void requestsPerMinuteOverTheLimitAre429AndNeverForwarded() throws Exception {
        awaitRoomInThisMinute();
        assertEquals(200, send(base, "tok-alice", "claude-haiku-4-5", false).statusCode());
        assertEquals(200, send(base, "tok-alice", "claude-haiku-4-5", true).statusCode());
        assertRateLimited(send(base, "tok-alice", "claude-haiku-4-5", false), 60);
        UPSTREAM.take();
        UPSTREAM.take();
        assertEquals(0, UPSTREAM.received().size(), "the refused request was not forwarded");
        assertEquals(200, send(base, "tok-dave", "claude-haiku-4-5", false).statusCode(), "other clients go on");
    }

    @Test
    void tokensAreChargedAfterTheAnswerAndCheckedBeforeTheNext() throws Exception {
        assertEquals(200, send(base, "tok-carol", "claude-haiku-4-5", false).statusCode(), "0 of 10 spent: admitted");
        awaitSummary("\"carol\":{\"cost_today_usd\":0.0000096");
        assertRateLimited(send(base, "tok-carol", "claude-haiku-4-5", false), 86_400);
        UPSTREAM.take();
        assertEquals(0, UPSTREAM.received().size());
    }

    @Test
    void eachAnswerCostIsLoggedCountedAndSummarised() throws Exception {
        HttpResponse<String> response = send(base, "tok-dave", "claude-haiku-4-5", false);
        assertEquals(200, response.statusCode());
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        // 12 input tokens × 0.30 + 5 output tokens × 1.20 = 9.6 USD per million = 0.0000096 USD
        String line = ACCESS_LOG.await(requestId);
        assertTrue(line.contains(" client=dave "), line);
        assertTrue(line.contains(" cost_usd=0.0000096"), line);
        String metrics = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri(base, "/metrics"))
                .header("x-api-key", "tok-dave").GET()).body();
        assertTrue(metrics.contains("router_cost_usd_total{client=\"dave\",route=\"haiku\"} 9.6E-6"), metrics);
        assertTrue(metrics.contains("router_cost_usd_total{client=\"anonymous\",route=\"opus\"} 0.0"),
                "series exist from the start");
        awaitSummary("\"dave\":{\"cost_today_usd\":0.0000096");
    }

    @Test
    void clientTokensJoinInboundAuth() {
        assertEquals(401, send(base, "tok-nobody", "claude-haiku-4-5", false).statusCode());
        assertEquals(401, Http.get(base, "/metrics/summary").statusCode());
        assertEquals(0, UPSTREAM.received().size());
    }


    private void awaitSummary(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri(base, "/metrics/summary"))
                    .header("x-api-key", "tok-dave").GET()).body();
            if (body.contains(fragment)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("summary never contained " + fragment + ": " + body);
    }
}
