package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two router deployments (two replicas, each with its own state, planner and Redis client) sharing
 * one real Redis server that the test starts on a free port, kills and restarts: a limit reached
 * across both, a key cooled down on one seen by the other, and an outage of Redis that fails no
 * request. {@link RedisAvailable} comes first, so without a redis-server the class is skipped
 * loudly before anything is deployed.
 */
@ExtendWith({RedisAvailable.class, ArquillianExtension.class})
@Timeout(120)
class SharedStateIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    /** Started when the class initialises, before Arquillian asks for the deployments (only if enabled). */
    static final RedisServer REDIS = RedisServer.start();

    static RouteProperties replica() {
        return RouteProperties.defaultTable(UPSTREAM)
                .set("router.state", REDIS.url())
                // generous on a loaded CI machine: a timed-out admission is decided locally, which
                // would make the cross-replica limit test flaky (the default is 10 ms)
                .set("router.state.timeout", "0.5")
                .set("router.routes", "opus,sonnet,haiku,pair")
                .route("pair").with("upstream", UPSTREAM.url("pair")).with("retries", "0").with("match", "pair")
                .with("api-key-env", "PAIR_KEY_ONE,PAIR_KEY_TWO").with("key-cooldown", "60")
                .set("PAIR_KEY_ONE", "k-one").set("PAIR_KEY_TWO", "k-two")
                .set("router.clients", "alice,carol")
                .set("router.client.alice.token", "tok-alice").set("router.client.alice.requests-per-minute", "3")
                .set("router.client.carol.token", "tok-carol").set("router.client.carol.requests-per-minute", "100000")
                .set("router.client.carol.tokens-per-day", "1000000000");
    }

    @Deployment(name = "a", testable = false)
    static WebArchive replicaA() {
        return RouterDeployment.war("replica-a.war", replica());
    }

    @Deployment(name = "b", testable = false)
    static WebArchive replicaB() {
        return RouterDeployment.war("replica-b.war", replica());
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL a;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL b;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void aLimitIsReachedAcrossBothReplicas() throws Exception {
        awaitBothState("ok");
        BudgetsIT.awaitRoomInThisMinute();
        assertEquals(200, BudgetsIT.send(a, "tok-alice", "claude-haiku-4-5", false).statusCode());
        assertEquals(200, BudgetsIT.send(b, "tok-alice", "claude-haiku-4-5", false).statusCode());
        assertEquals(200, BudgetsIT.send(a, "tok-alice", "claude-haiku-4-5", true).statusCode());
        // each replica alone has seen at most 2 of alice's 3 requests: only the shared window is full
        BudgetsIT.assertRateLimited(BudgetsIT.send(b, "tok-alice", "claude-haiku-4-5", false), 60);
        BudgetsIT.assertRateLimited(BudgetsIT.send(a, "tok-alice", "claude-haiku-4-5", false), 60);
        for (int i = 0; i < 3; i++) {
            UPSTREAM.take();
        }
        assertEquals(0, UPSTREAM.received().size(), "refused requests were not forwarded");
    }

    @Test
    void aKeyCooledDownOnOneReplicaIsSkippedByTheOther() throws Exception {
        awaitBothState("ok");
        UPSTREAM.on("pair", (request, exchange) -> {
            if ("k-one".equals(request.header("x-api-key"))) {
                Answers.error(429, "rate_limit_error", Map.of("retry-after", "30")).respond(request, exchange);
            } else {
                Answers.defaultAnswer().respond(request, exchange);
            }
        });
        // replica A rotates k-one, k-two: within two requests k-one meets its 429 and is set aside
        int rejected = 0;
        for (int i = 0; i < 2 && rejected == 0; i++) {
            if (BudgetsIT.send(a, "tok-carol", "pair-model", false).statusCode() == 429) {
                rejected++;
            }
        }
        assertEquals(1, rejected, "replica A met k-one's 429");
        UPSTREAM.reset();
        UPSTREAM.on("pair", (request, exchange) -> {
            if ("k-one".equals(request.header("x-api-key"))) {
                Answers.error(429, "rate_limit_error", Map.of()).respond(request, exchange);
            } else {
                Answers.defaultAnswer().respond(request, exchange);
            }
        });
        await("replica B sees k-one cooling down", () -> Http.get(b, "/health").body()
                .matches("(?s).*\"pair\":\\{[^}]*\"keys_usable\":1[,}].*"), () -> Http.get(b, "/health").body());
        List<String> keysSeenFromB = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertEquals(200, BudgetsIT.send(b, "tok-carol", "pair-model", false).statusCode());
            keysSeenFromB.add(UPSTREAM.take().header("x-api-key"));
        }
        assertEquals(List.of("k-two", "k-two", "k-two", "k-two"), keysSeenFromB,
                "without the shared cool-down B would have rotated onto k-one");
    }

    @Test
    void redisKilledAndRestartedMidRunFailsNoRequest() throws Exception {
        awaitBothState("ok");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(BudgetsIT.send(i % 2 == 0 ? a : b, "tok-carol", "claude-haiku-4-5", i % 3 == 0).statusCode());
        }
        REDIS.kill();
        for (int i = 0; i < 10; i++) {
            statuses.add(BudgetsIT.send(i % 2 == 0 ? a : b, "tok-carol", "claude-sonnet-4-5", i % 3 == 0).statusCode());
        }
        awaitBothState("degraded");
        assertEquals(200, Http.get(a, "/health").statusCode(), "Redis away is not a reason to leave the balancer");
        for (int i = 0; i < 10; i++) {
            statuses.add(BudgetsIT.send(i % 2 == 0 ? a : b, "tok-carol", "claude-opus-4-5", i % 3 == 0).statusCode());
        }
        REDIS.restart();
        awaitBothState("ok");
        for (int i = 0; i < 10; i++) {
            statuses.add(BudgetsIT.send(i % 2 == 0 ? a : b, "tok-carol", "claude-haiku-4-5", i % 3 == 0).statusCode());
        }
        assertEquals(40, statuses.size());
        assertTrue(statuses.stream().allMatch(status -> status == 200), statuses.toString());
    }

    private void awaitBothState(String state) throws InterruptedException {
        await("both replicas report state " + state, () ->
                Http.get(a, "/health").body().contains("\"state\":\"" + state + "\"")
                        && Http.get(b, "/health").body().contains("\"state\":\"" + state + "\""));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what + " " + detail.get());
    }
}
