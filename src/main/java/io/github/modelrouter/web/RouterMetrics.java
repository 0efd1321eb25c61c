package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.upstream.UpstreamClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's metrics, kept in a Micrometer Prometheus registry of its own (not the global one:
 * two deployments in one server must not share counters). Exposed by {@link MetricsServlet} in the
 * Prometheus text format; {@link #summary} feeds the status page. Thread-safe. Labels are route
 * names, upstream labels, statuses and outcome names: never keys or client data.
 */
final class RouterMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter rejected;
    /** router_cost_usd_total per "route\tclient", registered at start-up: no meter is built per request. */
    private final Map<String, Counter> costs = new HashMap<>();

    RouterMetrics() {
        this(List.of(), List.of());
    }

    /**
     * @param routes route names, and {@code clients} client names (with "anonymous"), whose cost
     *     series exist from the start
     */
    RouterMetrics(List<String> routes, List<String> clients) {
        registry.gauge("router_in_flight_requests", inFlight);
        rejected = Counter.builder("router_rejected_at_cap")
                .description("requests answered 503 at router.max-concurrent").register(registry);
        for (String route : routes) {
            for (String client : clients) {
                costs.put(route + "\t" + client, Counter.builder("router_cost_usd")
                        .description("USD the answers cost at the route's list prices, from their usage")
                        .tag("route", route).tag("client", client).register(registry));
            }
        }
    }

    /**
     * {@code router_upstream_connections{state="leased"|"idle"}}: the upstream pools, read at each
     * scrape. After the last answer, leased is 0 and the upstream sees exactly idle connections
     * open; anything more is a leaked connection.
     */
    void watch(UpstreamClient upstream) {
        Gauge.builder("router_upstream_connections", upstream, u -> u.connections().leased())
                .description("pooled upstream connections by state").tag("state", "leased").register(registry);
        Gauge.builder("router_upstream_connections", upstream, u -> u.connections().idle())
                .description("pooled upstream connections by state").tag("state", "idle").register(registry);
    }

    /** Adds an answer's cost; a pair not registered at start-up is not counted (it cannot happen). */
    void cost(RouteConfig route, String client, BigDecimal usd) {
        Counter counter = costs.get(route.name() + "\t" + client);
        if (counter != null && usd.signum() > 0) {
            counter.increment(usd.doubleValue());
        }
    }

    String scrape() {
        return registry.scrape();
    }

    void inFlight(int delta) {
        inFlight.addAndGet(delta);
    }

    int inFlight() {
        return inFlight.get();
    }

    void rejectedAtCap() {
        rejected.increment();
    }

    double rejectedCount() {
        return rejected.count();
    }

    /** One client request answered (any outcome); {@code route} may be null when none was chosen. */
    void requestCompleted(RouteConfig route, int status) {
        Counter.builder("router_requests")
                .description("client requests by route, upstream and status sent to the client")
                .tag("route", route == null ? "none" : route.name())
                .tag("upstream", route == null ? "none" : route.label())
                .tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    /** One upstream attempt's outcome: an HTTP status or a failure kind. */
    void upstreamOutcome(RouteConfig route, String outcome) {
        Counter.builder("router_upstream_responses")
                .description("upstream attempts by route and outcome (status code or failure)")
                .tag("route", route.name()).tag("upstream", route.label()).tag("outcome", outcome)
                .register(registry).increment();
    }

    void proxyOverhead(Duration elapsed) {
        Timer.builder("router_proxy_overhead")
                .description("time the router spends on a request before forwarding it (parse, route, rewrite)")
                .publishPercentileHistogram()
                .register(registry).record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    void timeToFirstByte(RouteConfig route, Duration elapsed) {
        Timer.builder("router_upstream_ttfb")
                .description("time from sending a request upstream to its response head")
                .tag("route", route.name())
                .publishPercentileHistogram()
                .register(registry).record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    void fallback(RouteConfig from, RouteConfig to) {
        Counter.builder("router_fallbacks").description("requests moved to a fallback route")
                .tag("from", from.name()).tag("to", to.name()).register(registry).increment();
    }

    void retry(RouteConfig route) {
        Counter.builder("router_retries").description("extra attempts on the same route")
                .tag("route", route.name()).register(registry).increment();
    }

    void clientDisconnected(RouteConfig route) {
        Counter.builder("router_client_disconnects").description("clients gone before their answer ended")
                .tag("route", route == null ? "none" : route.name()).register(registry).increment();
    }

    void tokens(RouteConfig route, TokenUsage usage) {
        count("router_tokens_input", route, usage.inputTokens());
        count("router_tokens_output", route, usage.outputTokens());
        count("router_tokens_cache_read", route, usage.cacheReadInputTokens());
        count("router_tokens_cache_creation", route, usage.cacheCreationInputTokens());
    }

    private void count(String name, RouteConfig route, long amount) {
        Counter counter = Counter.builder(name).description("tokens reported in answers' usage")
                .tag("route", route.name()).register(registry);
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    /** Sum of a counter over all its series with {@code tag=value}. */
    double sum(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Sum of {@code router_requests} for a route whose status is at least {@code minStatus}. */
    double requestsAtLeast(String route, int minStatus) {
        return registry.find("router_requests").tag("route", route).counters().stream()
                .filter(c -> Integer.parseInt(c.getId().getTag("status")) >= minStatus)
                .mapToDouble(Counter::count).sum();
    }
}
