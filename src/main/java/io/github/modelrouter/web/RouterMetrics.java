package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.upstream.UpstreamClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Tags UNROUTED = Tags.of("route", "none", "upstream", "none");
    private final Timer proxyOverhead;
    private final Map<String, RouteMeters> byRoute = new ConcurrentHashMap<>();
    /** router_requests of requests answered before a route was chosen, by status. */
    private final Map<Integer, Counter> unroutedRequests = new ConcurrentHashMap<>();
    private final Counter unroutedDisconnects;
    /** router_keepalive_pings per route, registered at start-up. */
    private final Map<String, Counter> pings = new HashMap<>();
    /** router_rejected_fields_learned per route, registered at start-up. */
    private final Map<String, Counter> rejectedFields = new HashMap<>();

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
        proxyOverhead = Timer.builder("router_proxy_overhead")
                .description("time the router spends on a request before forwarding it (parse, route, rewrite)")
                .publishPercentileHistogram().register(registry);
        unroutedDisconnects = disconnects("none");
        for (String route : routes) {
            pings.put(route, Counter.builder("router_keepalive_pings")
                    .description("ping events sent to streaming clients that would otherwise have heard nothing")
                    .tag("route", route).register(registry));
            rejectedFields.put(route, Counter.builder("router_rejected_fields_learned")
                    .description("request fields an upstream rejected that the route now strips")
                    .tag("route", route).register(registry));
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

    /** A ping was sent on a stream of {@code route}. */
    void keepAlivePing(RouteConfig route) {
        increment(pings, route);
    }

    /** {@code route} learned a field its upstream rejects. */
    void rejectedFieldLearned(RouteConfig route) {
        increment(rejectedFields, route);
    }

    private static void increment(Map<String, Counter> byRoute, RouteConfig route) {
        Counter counter = byRoute.get(route.name());
        if (counter != null) {
            counter.increment();
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
        Tags tags = route == null ? UNROUTED : meters(route).routeTags;
        Map<Integer, Counter> series = route == null ? unroutedRequests : meters(route).requests;
        series.computeIfAbsent(status, code -> Counter.builder("router_requests")
                .description("client requests by route, upstream and status sent to the client")
                .tags(tags).tag("status", Integer.toString(code))
                .register(registry)).increment();
    }

    /** One upstream attempt's outcome: an HTTP status. */
    void upstreamOutcome(RouteConfig route, int status) {
        RouteMeters meters = meters(route);
        meters.upstreamStatuses.computeIfAbsent(status, code -> upstreamOutcomeCounter(meters, Integer.toString(code)))
                .increment();
    }

    /** One upstream attempt's outcome: a failure kind (or a status, as text). */
    void upstreamOutcome(RouteConfig route, String outcome) {
        RouteMeters meters = meters(route);
        meters.upstreamOutcomes.computeIfAbsent(outcome, name -> upstreamOutcomeCounter(meters, name)).increment();
    }

    private Counter upstreamOutcomeCounter(RouteMeters meters, String outcome) {
        return Counter.builder("router_upstream_responses")
                .description("upstream attempts by route and outcome (status code or failure)")
                .tags(meters.routeTags).tag("outcome", outcome)
                .register(registry);
    }

    void proxyOverhead(Duration elapsed) {
        proxyOverhead.record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    void timeToFirstByte(RouteConfig route, Duration elapsed) {
        meters(route).ttfb.record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    void fallback(RouteConfig from, RouteConfig to) {
        meters(from).fallbacks.computeIfAbsent(to.name(), target -> Counter.builder("router_fallbacks")
                .description("requests moved to a fallback route")
                .tag("from", from.name()).tag("to", target).register(registry)).increment();
    }

    void retry(RouteConfig route) {
        meters(route).retries.increment();
    }

    void clientDisconnected(RouteConfig route) {
        (route == null ? unroutedDisconnects : meters(route).disconnects).increment();
    }

    private Counter disconnects(String route) {
        return Counter.builder("router_client_disconnects").description("clients gone before their answer ended")
                .tag("route", route).register(registry);
    }

    void tokens(RouteConfig route, TokenUsage usage) {
        RouteMeters meters = meters(route);
        add(meters.tokensInput, usage.inputTokens());
        add(meters.tokensOutput, usage.outputTokens());
        add(meters.tokensCacheRead, usage.cacheReadInputTokens());
        add(meters.tokensCacheCreation, usage.cacheCreationInputTokens());
    }

    private static void add(Counter counter, long amount) {
        if (amount > 0) {
            counter.increment(amount);
        }
    }

    /** The meters of one route, built with its first request and kept. */
    private RouteMeters meters(RouteConfig route) {
        RouteMeters meters = byRoute.get(route.name());
        return meters != null ? meters : byRoute.computeIfAbsent(route.name(), name -> new RouteMeters(name, route.label()));
    }

    /**
     * Every meter of a route, so that counting a request is a field access or a map lookup and
     * never a builder, a tag sort and a registry lookup (what {@code Counter.builder(..).register}
     * costs each time). Series keyed by an open value (status, outcome) are built once per value.
     */
    private final class RouteMeters {
        final Tags routeTags;
        final Map<Integer, Counter> requests = new ConcurrentHashMap<>();
        final Map<Integer, Counter> upstreamStatuses = new ConcurrentHashMap<>();
        final Map<String, Counter> upstreamOutcomes = new ConcurrentHashMap<>();
        final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
        final Timer ttfb;
        final Counter retries;
        final Counter disconnects;
        final Counter tokensInput;
        final Counter tokensOutput;
        final Counter tokensCacheRead;
        final Counter tokensCacheCreation;

        RouteMeters(String route, String upstream) {
            routeTags = Tags.of("route", route, "upstream", upstream);
            ttfb = Timer.builder("router_upstream_ttfb")
                    .description("time from sending a request upstream to its response head")
                    .tag("route", route).publishPercentileHistogram().register(registry);
            retries = Counter.builder("router_retries").description("extra attempts on the same route")
                    .tag("route", route).register(registry);
            disconnects = disconnects(route);
            tokensInput = tokenCounter("router_tokens_input", route);
            tokensOutput = tokenCounter("router_tokens_output", route);
            tokensCacheRead = tokenCounter("router_tokens_cache_read", route);
            tokensCacheCreation = tokenCounter("router_tokens_cache_creation", route);
        }

        private Counter tokenCounter(String name, String route) {
            return Counter.builder(name).description("tokens reported in answers' usage").tag("route", route)
                    .register(registry);
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
