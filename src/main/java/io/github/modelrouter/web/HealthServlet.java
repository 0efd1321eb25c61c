package io.github.modelrouter.web;

import io.github.modelrouter.config.ProxySetting;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.route.KeyRing;
import io.github.modelrouter.route.RouteHealth;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: the original router's shape ({@code status}, and per tier {@code upstream}
 * and {@code key_present}) plus the live state of each route. 200 {@code "ok"} when every route has
 * a key and none is failing, else 503 {@code "degraded"} with a {@code reason} on each affected
 * route. Never shows a key, only whether one is present and which variables were looked at. Open
 * even when inbound auth is on: launchers and load balancers probe it.
 */
final class HealthServlet extends HttpServlet {

    private final RouterServices services;

    HealthServlet(RouterServices services) {
        this.services = services;
    }

    @Override
    protected void doGet(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        boolean healthy = true;
        JsonObjectBuilder tiers = Json.createObjectBuilder();
        for (RouteConfig route : services.config().routes()) {
            RouteHealth health = services.health(route);
            KeyRing keys = services.routes().keys(route.name());
            String reason = reason(route, health);
            healthy &= reason == null;
            JsonObjectBuilder tier = Json.createObjectBuilder()
                    .add("upstream", route.label())
                    .add("key_present", route.hasKey())
                    .add("url", route.messagesUri().toString())
                    .add("model", route.modelId())
                    .add("key_env", String.join(",", route.apiKeyEnv()))
                    .add("keys", keys.size())
                    .add("keys_usable", keys.usable())
                    .add("in_flight", health.inFlight())
                    .add("consecutive_failures", health.consecutiveFailures())
                    .add("avoided", health.avoided())
                    .add("fallback", route.fallback())
                    // host:port only: the proxy URL's credentials never leave the config
                    .add("proxy", route.transport().proxy().map(ProxySetting::address).orElse("none"))
                    .add("http2", route.transport().http2())
                    .add("trust_stores", Json.createArrayBuilder(route.transport().trustStores()))
                    .add("format", route.format().name().toLowerCase(java.util.Locale.ROOT))
                    // fields the upstream rejected that the route now strips (learn-rejected-fields)
                    .add("rejected_fields", Json.createArrayBuilder(
                            new java.util.TreeSet<>(services.planner().rejectedFields(route).fields())));
            if (health.certificateFailure() != null) {
                tier.add("certificate_error", health.certificateFailure());
            }
            RouteHealth.Outcome last = health.lastOutcome();
            if (last != null) {
                tier.add("last_outcome", last.description())
                        .add("last_outcome_failed", last.failure())
                        .add("last_outcome_at", last.at().toString());
            }
            tier.add("status", reason == null ? "ok" : "degraded");
            if (reason != null) {
                tier.add("reason", reason);
            }
            tiers.add(route.name(), tier);
        }
        byte[] body = Json.createObjectBuilder()
                .add("status", healthy ? "ok" : "degraded")
                .add("tiers", tiers)
                .add("in_flight", services.metrics().inFlight())
                .add("max_concurrent", services.config().maxConcurrent())
                // shared state: "degraded" while Redis is unreachable (local state serves meanwhile);
                // it does not turn the answer into a 503, or every replica would leave the balancer at once
                .add("state", services.state().status())
                .add("state_backend", services.state().backend())
                .build().toString().getBytes(StandardCharsets.UTF_8);
        clientResponse.setStatus(healthy ? 200 : 503);
        clientResponse.setContentType("application/json");
        clientResponse.setHeader("cache-control", "no-store");
        clientResponse.setContentLength(body.length);
        clientResponse.getOutputStream().write(body);
    }

    private static String reason(RouteConfig route, RouteHealth health) {
        if (!route.hasKey()) {
            return "no API key: set " + String.join(" or ", route.apiKeyEnv())
                    + " or router.route." + route.name() + ".api-key";
        }
        if (health.certificateFailure() != null) {
            return health.certificateFailure();
        }
        if (health.avoided()) {
            RouteHealth.Outcome last = health.lastOutcome();
            return "upstream failing: " + health.consecutiveFailures() + " failures in a row"
                    + (last != null ? ", last: " + last.description() : "");
        }
        return null;
    }
}
