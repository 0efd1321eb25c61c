package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.rewrite.RequestRewriter;
import io.github.modelrouter.rewrite.TokenEstimator;
import io.github.modelrouter.route.RouteHealth;
import io.github.modelrouter.route.RoutePlanner;
import io.github.modelrouter.route.RouteTable;
import io.github.modelrouter.state.RouterState;
import io.github.modelrouter.upstream.DeadlineSweep;
import io.github.modelrouter.stream.KeepAliveSweep;
import io.github.modelrouter.upstream.UpstreamClient;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every request needs from its deployment, built once by {@link RouterContextListener} and
 * handed to servlets and exchanges by constructor. Immutable; the collaborators are thread-safe.
 */
record RouterServices(
        RouterConfig config,
        RouteTable routes,
        RequestRewriter rewriter,
        TokenEstimator estimator,
        UpstreamClient upstream,
        ScheduledExecutorService scheduler,
        DeadlineSweep deadlines,
        RouterMetrics metrics,
        RoutePlanner planner,
        AccessLog accessLog,
        RouterState state,
        ClientDirectory clients,
        Costs costs,
        KeepAliveSweep keepAlive,
        ClientPresenceChecks presenceChecks) {

    RouteHealth health(RouteConfig route) {
        return planner.health(route);
    }
}
