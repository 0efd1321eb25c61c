package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.state.Admission;
import io.github.modelrouter.state.RouterState;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The planner tells the shared state what it sets aside and avoids, and applies what other replicas tell. */
class SharedRouteStateTest {

    /** Records what the planner publishes and hands its listener to the test, as another replica would. */
    private static final class RecordingState implements RouterState {
        final List<String> told = new ArrayList<>();
        Listener listener;

        @Override public Admission admit(ClientConfig client) { return Admission.ALLOWED; }
        @Override public void charge(ClientConfig client, long tokens, BigDecimal usd) { }
        @Override public void keyCooledDown(String route, String keyId, Duration cooldown) {
            told.add("cool " + route + " " + keyId + " " + cooldown.toSeconds());
        }
        @Override public void routeAvoided(String route, Duration period) { told.add("avoid " + route + " " + period.toSeconds()); }
        @Override public void listen(Listener l) { listener = l; }
        @Override public CompletionStage<Optional<String>> stickyKey(String session) { return null; }
        @Override public void stick(String session, String keyId, Duration ttl) { }
        @Override public String status() { return "ok"; }
        @Override public String backend() { return "test"; }
        @Override public void close() { }
    }

    private final AtomicLong clock = new AtomicLong();
    private final RecordingState state = new RecordingState();
    private final RouteConfig route = RouteConfig.builder("r").upstream(URI.create("http://127.0.0.1:1"))
            .apiKeys(List.of(new Secret("k-one"), new Secret("k-two"))).build();
    private final RouteTable table = new RouteTable(RouterConfig.of(List.of(route)), clock::get);
    private final RoutePlanner planner = new RoutePlanner(table, clock::get, (from, to) -> { }, state);

    @Test
    void aRejectedKeyIsToldByItsIdNeverItsValue() {
        Secret key = planner.keyFor(route);
        planner.afterStatus(route, key, 0, 429, null);
        assertEquals(List.of("cool r " + table.keys("r").idOf(key) + " 60"), state.told);
        assertFalse(state.told.get(0).contains(key.value()));
        assertEquals(16, table.keys("r").idOf(key).length());
    }

    @Test
    void aCoolDownFromAnotherReplicaIsApplied() {
        Secret kOne = new Secret("k-one");
        state.listener.keyCooledDown("r", table.keys("r").idOf(kOne), Duration.ofSeconds(30));
        assertEquals(1, table.keys("r").usable());
        for (int i = 0; i < 4; i++) {
            assertEquals("k-two", planner.keyFor(route).value());
        }
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(2, table.keys("r").usable(), "the cool-down ends when the other replica's does");
        state.listener.keyCooledDown("ghost", "0000", Duration.ofSeconds(30));
        state.listener.keyCooledDown("r", "not-an-id", Duration.ofSeconds(30));
        assertEquals(2, table.keys("r").usable(), "unknown routes and ids are ignored");
    }

    @Test
    void avoidanceIsToldOnceWhenItStartsAndAgainWhenItEnds() {
        for (int i = 0; i < 4; i++) {
            planner.afterStatus(route, null, 0, 503, null);
        }
        assertEquals(List.of("avoid r 30"), state.told, "told once, by the failure that crossed the threshold");
        planner.afterStatus(route, null, 0, 200, null);
        assertEquals(List.of("avoid r 30", "avoid r 0"), state.told);
        state.listener.routeAvoided("r", Duration.ofSeconds(10));
        assertTrue(planner.health(route).avoided(), "another replica's avoidance counts here");
        state.listener.routeAvoided("r", Duration.ZERO);
        assertFalse(planner.health(route).avoided());
    }
}
