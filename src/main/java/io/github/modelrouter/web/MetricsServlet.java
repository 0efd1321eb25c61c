package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the Prometheus text exposition of {@link RouterMetrics}.
 * {@code GET /metrics/summary}: a small JSON view (per route requests, errors, tokens, in-flight)
 * for the status page. Both sit behind inbound auth when it is on (they reveal traffic).
 */
final class MetricsServlet extends HttpServlet {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final RouterServices services;

    MetricsServlet(RouterServices services) {
        this.services = services;
    }

    @Override
    protected void doGet(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        String path = clientRequest.getServletPath() + (clientRequest.getPathInfo() == null ? "" : clientRequest.getPathInfo());
        byte[] body;
        if (path.equals("/metrics/summary")) {
            body = summary().getBytes(StandardCharsets.UTF_8);
            clientResponse.setContentType("application/json");
        } else if (path.equals("/metrics")) {
            body = services.metrics().scrape().getBytes(StandardCharsets.UTF_8);
            clientResponse.setContentType(PROMETHEUS_TEXT);
        } else {
            clientResponse.sendError(404);
            return;
        }
        clientResponse.setHeader("cache-control", "no-store");
        clientResponse.setContentLength(body.length);
        clientResponse.getOutputStream().write(body);
    }

    private String summary() {
        RouterMetrics metrics = services.metrics();
        JsonObjectBuilder routes = Json.createObjectBuilder();
        for (RouteConfig route : services.config().routes()) {
            String name = route.name();
            routes.add(name, Json.createObjectBuilder()
                    .add("upstream", route.label())
                    .add("requests", (long) metrics.sum("router_requests", "route", name))
                    .add("errors", (long) metrics.requestsAtLeast(name, 400))
                    .add("in_flight", services.health(route).inFlight())
                    .add("tokens_in", (long) metrics.sum("router_tokens_input", "route", name))
                    .add("tokens_out", (long) metrics.sum("router_tokens_output", "route", name))
                    .add("fallbacks_from", (long) metrics.sum("router_fallbacks", "from", name))
                    .add("retries", (long) metrics.sum("router_retries", "route", name))
                    .add("cost_today_usd", services.costs().ledger().route(name))
                    .add("format", route.format().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonObjectBuilder clients = Json.createObjectBuilder();
        for (io.github.modelrouter.config.ClientConfig client : services.clients().clients()) {
            clients.add(client.name(), clientSummary(services.costs().ledger().client(client.name()), client));
        }
        clients.add(ClientDirectory.ANONYMOUS, clientSummary(services.costs().ledger().client(ClientDirectory.ANONYMOUS), null));
        return Json.createObjectBuilder()
                .add("in_flight", metrics.inFlight())
                .add("rejected_at_cap", (long) metrics.rejectedCount())
                .add("routes", routes)
                .add("clients", clients)
                .add("state", services.state().status())
                .build().toString();
    }

    /** Today's cost of one client on this replica, with its limits (never its token). */
    private static JsonObjectBuilder clientSummary(java.math.BigDecimal costToday,
                                                   io.github.modelrouter.config.ClientConfig client) {
        JsonObjectBuilder summary = Json.createObjectBuilder().add("cost_today_usd", costToday);
        if (client != null) {
            client.requestsPerMinute().ifPresent(limit -> summary.add("requests_per_minute", limit));
            client.tokensPerDay().ifPresent(limit -> summary.add("tokens_per_day", limit));
            client.usdPerDay().ifPresent(limit -> summary.add("usd_per_day", limit));
        }
        return summary;
    }
}
