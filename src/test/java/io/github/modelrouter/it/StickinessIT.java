package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session stickiness (SPEC "Claude Code as a client"): requests of one
 * {@code x-claude-code-session-id} keep their upstream key while it is usable, move to another
 * when it is set aside (429, 401) and stick there; a session that fell back to another route stays
 * on it while it is healthy.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StickinessIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.none()
                .set("router.routes", "keys,primary,backup")
                .set("STICKY_KEY_1", "sticky-one").set("STICKY_KEY_2", "sticky-two").set("STICKY_KEY_3", "sticky-three")
                .route("keys").with("upstream", UPSTREAM.url("keys")).with("api-key-env", "STICKY_KEY_1,STICKY_KEY_2,STICKY_KEY_3")
                .with("retries", 1)
                .route("primary", UPSTREAM.url("primary")).with("fallback", "backup")
                .route("backup", UPSTREAM.url("backup")));
    }

    @ArquillianResource
    URL base;

    /** Keys whose requests the fake refuses, with the status it refuses them with. */
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    private void answerByKey() {
        UPSTREAM.on("keys", (request, exchange) -> {
            Integer status = refused.get(request.header("x-api-key"));
            if (status != null) {
                FakeUpstream.sendJson(exchange, status, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"refused\"}}", Map.of());
            } else {
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "ok"), Map.of());
            }
        });
    }

    private HttpResponse<String> send(String model, String session) {
        var request = Http.post(base, "/v1/messages", Http.body(model, false));
        if (session != null) {
            request.header("x-claude-code-session-id", session);
        }
        return Http.send(request);
    }

    /** Sends one request of {@code session} and answers the keys the upstream saw for it, in order. */
    private List<String> keysFor(String session) throws InterruptedException {
        HttpResponse<String> response = send("claude-keys-1", session);
        assertEquals(200, response.statusCode(), response.body());
        List<String> keys = new ArrayList<>();
        FakeUpstream.Recorded recorded;
        while ((recorded = UPSTREAM.poll(Duration.ofMillis(50))) != null) {
            keys.add(recorded.header("x-api-key"));
        }
        return keys;
    }

    @Test
    void eachSessionKeepsOneKeyAndMovesOnlyWhenItIsSetAside() throws Exception {
        answerByKey();
        String a = "sess-a-" + System.nanoTime();
        String b = "sess-b-" + System.nanoTime();
        Set<String> keysOfA = new LinkedHashSet<>();
        Set<String> keysOfB = new LinkedHashSet<>();
        for (int i = 0; i < 8; i++) {
            keysOfA.addAll(keysFor(a));
            keysOfB.addAll(keysFor(b));
            // a request of no session still rotates the keys in between
            assertEquals(200, send("claude-keys-1", null).statusCode());
            UPSTREAM.poll(Duration.ofSeconds(5));
        }
        assertEquals(1, keysOfA.size(), keysOfA.toString());
        assertEquals(1, keysOfB.size(), keysOfB.toString());
        assertNotEquals(keysOfA, keysOfB, "the rotation gave the two sessions different keys");

        String first = keysOfA.iterator().next();
        refused.put(first, 429);
        List<String> moving = keysFor(a);
        assertEquals(first, moving.get(0), "tried with its key first");
        assertEquals(2, moving.size(), moving.toString());
        String second = moving.get(1);
        assertNotEquals(first, second);
        for (int i = 0; i < 6; i++) {
            assertEquals(List.of(second), keysFor(a), "sticks to the key it moved to");
        }

        refused.put(second, 401);
        List<String> again = keysFor(a);
        assertEquals(second, again.get(0));
        String third = again.get(again.size() - 1);
        assertTrue(!third.equals(first) && !third.equals(second), again.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(third), keysFor(a));
        }
    }

    @Test
    void aSessionThatFellBackStaysOnTheFallbackWhileItIsHealthy() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        UPSTREAM.on("primary", (request, exchange) -> {
            // session ids are not forwarded: each session of this test names its own model
            if (request.model().contains("-sess-") && failedOnce.add(request.model())) {
                FakeUpstream.sendJson(exchange, 500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}", Map.of());
            } else {
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "primary"), Map.of());
            }
        });
        UPSTREAM.on("backup", (request, exchange) ->
                FakeUpstream.sendJson(exchange, 200, Answers.message(request.model(), "backup"), Map.of()));
        String session = "sess-c-" + System.nanoTime();
        String model = "claude-primary-" + session;
        assertTrue(send(model, session).body().contains("backup"), "fell back");
        for (int i = 0; i < 5; i++) {
            assertTrue(send(model, session).body().contains("backup"), "stays on the route it moved to");
        }
        assertTrue(send(model, null).body().contains("primary"), "other requests still start on primary");
        String other = "sess-d-" + System.nanoTime();
        assertTrue(send("claude-primary-" + other, other).body().contains("backup"), "a new session fails over once too");
        assertTrue(send("claude-primary-" + other, other).body().contains("backup"));
    }
}
