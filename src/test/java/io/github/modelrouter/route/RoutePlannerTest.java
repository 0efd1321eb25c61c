package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the planner decides and records for each kind of outcome, on a fake clock. */
class RoutePlannerTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> fallbacksTaken = new ArrayList<>();

    private RoutePlanner planner(RouteConfig... routes) {
        return new RoutePlanner(new RouteTable(RouterConfig.of(List.of(routes)), clock::get), clock::get,
                (from, to) -> fallbacksTaken.add(from.name() + "->" + to.name()));
    }

    private static RouteConfig route(String name, String fallback, String... keys) {
        return RouteConfig.builder(name).upstream(URI.create("https://" + name + ".example"))
                .apiKeys(java.util.Arrays.stream(keys).map(Secret::new).toList())
                .fallback(fallback).keyCooldown(Duration.ofSeconds(60)).build();
    }

    @Test
    void a401SetsTheKeyAsideAndA403DoesNot() {
        RouteConfig a = route("a", "", "k1", "k2");
        RoutePlanner planner = planner(a);
        Secret first = planner.keyFor(a);
        assertInstanceOf(NextStep.Retry.class, planner.afterStatus(a, first, 0, 403, null));
        // after a 403 both keys still rotate
        Secret second = planner.keyFor(a);
        Secret third = planner.keyFor(a);
        assertEquals(first, third);
        planner.afterStatus(a, second, 0, 401, null);
        assertEquals(first, planner.keyFor(a));
        assertEquals(first, planner.keyFor(a), "the key answered 401 is set aside");
    }

    @Test
    void failuresTheClientCausedLeaveTheRouteHealthy() {
        RouteConfig a = route("a", "b", "k");
        RouteConfig b = route("b", "", "k");
        RoutePlanner planner = planner(a, b);
        for (int i = 0; i < RouteHealth.FAILURE_THRESHOLD; i++) {
            planner.afterFailure(a, "client too slow", false, false);
        }
        assertEquals("a", planner.firstRoute("a-model").orElseThrow().name());
        for (int i = 0; i < RouteHealth.FAILURE_THRESHOLD; i++) {
            assertInstanceOf(NextStep.Fallback.class, planner.afterFailure(a, "refused", true, true));
        }
        assertEquals("b", planner.firstRoute("a-model").orElseThrow().name(), "an avoided route hands over to its fallback");
        assertEquals(List.of("a->b"), fallbacksTaken);
        clock.addAndGet(RouteHealth.AVOID_FOR.toNanos() + 1);
        assertEquals("a", planner.firstRoute("a-model").orElseThrow().name(), "probed again after the avoid period");
    }

    @Test
    void a5xxCountsAgainstTheRouteAndA4xxForIt() {
        RouteConfig a = route("a", "", "k");
        RoutePlanner planner = planner(a);
        planner.afterStatus(a, null, 0, 500, null);
        planner.afterStatus(a, null, 0, 502, null);
        assertEquals(2, planner.health(a).consecutiveFailures());
        planner.afterStatus(a, null, 0, 400, null);
        assertEquals(0, planner.health(a).consecutiveFailures());
        assertInstanceOf(NextStep.Pass.class, planner.afterFailure(a, "broke mid-answer", true, false));
    }
}
