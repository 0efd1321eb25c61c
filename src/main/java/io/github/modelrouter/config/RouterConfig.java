package io.github.modelrouter.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration of the router ({@code router.*}). Immutable; built by
 * {@link RouterConfigLoader} once per deployment.
 *
 * @param routes the routes in match order
 * @param defaultRoute name of the route for models that match none; empty means 400
 * @param maxConcurrent in-flight requests allowed on {@code /v1/*}
 * @param maxBodyBytes largest request body accepted
 * @param requireKeys whether a route without a key fails the deployment
 * @param authTokens tokens clients must present; empty means no inbound auth
 * @param openPort the Origin, Host and body-time rules of the port
 * @param budgets prices, named clients and their limits, and where shared state lives
 * @param rules the routing rules in {@code router.rules} order, tried before the model match
 */
public record RouterConfig(
        List<RouteConfig> routes,
        String defaultRoute,
        int maxConcurrent,
        long maxBodyBytes,
        boolean requireKeys,
        List<Secret> authTokens,
        OpenPortPolicy openPort,
        BudgetConfig budgets,
        List<RoutingRule> rules) {

    /** Default of {@code router.max-concurrent}. */
    public static final int DEFAULT_MAX_CONCURRENT = 50;
    /** Default of {@code router.max-body-bytes} (10 MiB). */
    public static final long DEFAULT_MAX_BODY_BYTES = 10_485_760L;
    /** Largest {@code router.max-body-bytes} accepted (1 GiB): a body is held in one array. */
    public static final long MAX_MAX_BODY_BYTES = 1L << 30;

    public RouterConfig {
        routes = List.copyOf(routes);
        authTokens = List.copyOf(authTokens);
        defaultRoute = defaultRoute == null ? "" : defaultRoute;
        openPort = openPort == null ? OpenPortPolicy.DEFAULT : openPort;
        budgets = budgets == null ? BudgetConfig.NONE : budgets;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A configuration without routing rules (the shape before rules existed). */
    public RouterConfig(List<RouteConfig> routes, String defaultRoute, int maxConcurrent, long maxBodyBytes,
                        boolean requireKeys, List<Secret> authTokens, OpenPortPolicy openPort, BudgetConfig budgets) {
        this(routes, defaultRoute, maxConcurrent, maxBodyBytes, requireKeys, authTokens, openPort, budgets, List.of());
    }

    /** A configuration with the default port policy and without prices, clients or shared state. */
    public RouterConfig(List<RouteConfig> routes, String defaultRoute, int maxConcurrent, long maxBodyBytes,
                        boolean requireKeys, List<Secret> authTokens) {
        this(routes, defaultRoute, maxConcurrent, maxBodyBytes, requireKeys, authTokens, OpenPortPolicy.DEFAULT,
                BudgetConfig.NONE, List.of());
    }

    /**
     * Every token that passes inbound auth: {@code router.auth.tokens} and each named client's
     * {@code router.client.<c>.token}. Empty means inbound auth is off.
     */
    public List<Secret> inboundTokens() {
        List<Secret> all = new java.util.ArrayList<>(authTokens);
        budgets.clients().forEach(client -> all.add(client.token()));
        return List.copyOf(all);
    }

    /**
     * A configuration of these routes with every documented global default: no default route,
     * {@value #DEFAULT_MAX_CONCURRENT} concurrent requests, 10 MiB bodies, keys required, no inbound auth.
     */
    public static RouterConfig of(List<RouteConfig> routes) {
        return new RouterConfig(routes, "", DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_BODY_BYTES, true, List.of());
    }

    /** The route of that name, if configured. */
    public Optional<RouteConfig> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
