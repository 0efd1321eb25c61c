package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The routes of a deployment, ready for the hot path: picks the route for a request's model, and
 * holds each route's {@link KeyRing} and fallback chain. Matchers are compiled once here; nothing
 * does I/O. Immutable apart from the key rings' cool-down state, so one instance serves every
 * request thread.
 *
 * <p>Matching ({@code router.route.<r>.match}): routes are tried in configured order and the first
 * whose any entry hits wins. A keyword hits when the model contains it, ignoring case
 * ({@link Locale#ROOT} lower-casing of both); an entry {@code re:<regex>} hits when the regex is
 * found anywhere in the model ({@link java.util.regex.Matcher#find}), compiled as written and so
 * case-sensitive unless it starts with {@code (?i)}. A model no route matches goes to
 * {@code router.default-route} if set. An id the route advertises ({@code router.route.<r>.advertise},
 * listed by {@code GET /v1/models}) is matched exactly, ignoring case, before any keyword, so a
 * model picked from that list always comes back to its route.
 *
 * <p>Routing rules ({@code router.rules}) come first of all: {@link #choose} tries them in order
 * and the first that holds decides; with no rules configured it costs one emptiness check.
 */
public final class RouteTable {

    private final List<RouteConfig> routes;
    private final List<RouteMatcher> matchers;
    private final Map<String, RouteConfig> byName;
    private final Map<String, KeyRing> keyRings;
    private final Optional<RouteConfig> defaultRoute;
    /** Lower-cased advertised id → its route. */
    private final Map<String, Optional<RouteConfig>> advertised;
    /** Per route name, the choice the model match makes (no rule), prepared so a hit allocates nothing. */
    private final Map<String, RouteChoice> matchChoices;
    private final RuleBook rules;

    /** A table whose key rings run on {@link System#nanoTime}. */
    public RouteTable(RouterConfig config) {
        this(config, System::nanoTime);
    }

    /**
     * @param nanoClock the clock of the key rings' cool-downs (a fake one in tests)
     * @throws IllegalArgumentException for a configuration {@code RouterConfigLoader} would have
     *     rejected: duplicate route names, an invalid regex, an unknown default route
     */
    public RouteTable(RouterConfig config, LongSupplier nanoClock) {
        Objects.requireNonNull(nanoClock, "nanoClock");
        this.routes = config.routes();
        Map<String, RouteConfig> named = new LinkedHashMap<>();
        Map<String, KeyRing> rings = new LinkedHashMap<>();
        List<RouteMatcher> compiled = new ArrayList<>();
        for (RouteConfig route : routes) {
            if (named.putIfAbsent(route.name(), route) != null) {
                throw new IllegalArgumentException("route " + route.name() + " is configured twice");
            }
            rings.put(route.name(), new KeyRing(route.apiKeys(), route.keyCooldown(), nanoClock));
            compiled.add(RouteMatcher.compile(route));
        }
        this.byName = Map.copyOf(named);
        this.keyRings = Map.copyOf(rings);
        this.matchers = List.copyOf(compiled);
        String defaultName = config.defaultRoute();
        if (!defaultName.isEmpty() && !named.containsKey(defaultName)) {
            throw new IllegalArgumentException("default route " + defaultName + " is not configured");
        }
        this.defaultRoute = defaultName.isEmpty() ? Optional.empty() : Optional.of(named.get(defaultName));
        Map<String, Optional<RouteConfig>> ids = new java.util.HashMap<>();
        Map<String, RouteChoice> choices = new java.util.HashMap<>();
        for (RouteConfig route : routes) {
            route.advertise().forEach(id -> ids.putIfAbsent(id.toLowerCase(Locale.ROOT), Optional.of(route)));
            choices.put(route.name(), new RouteChoice(route, null));
        }
        this.advertised = Map.copyOf(ids);
        this.matchChoices = Map.copyOf(choices);
        this.rules = new RuleBook(config.rules(), named);
    }

    /**
     * The route a request starts on: the first routing rule that holds, else the model match
     * ({@link #resolve}); null when nothing matches and there is no default route (a 400).
     */
    public RouteChoice choose(RequestFacts facts) {
        String model = facts.model();
        String lowerModel = model.toLowerCase(Locale.ROOT);
        if (!rules.isEmpty()) {
            RouteChoice byRule = rules.choose(facts, lowerModel);
            if (byRule != null) {
                return byRule;
            }
        }
        Optional<RouteConfig> matched = resolve(model, lowerModel);
        return matched.isEmpty() ? null : matchChoices.get(matched.get().name());
    }

    /** Whether routing rules are configured (when not, the body facts are never needed). */
    public boolean hasRules() {
        return !rules.isEmpty();
    }

    /** The route for {@code model}: the first that matches, else the default route, else empty (a 400). */
    public Optional<RouteConfig> resolve(String model) {
        return resolve(model, model.toLowerCase(Locale.ROOT));
    }

    private Optional<RouteConfig> resolve(String model, String lowerModel) {
        Optional<RouteConfig> byId = advertised.get(lowerModel);
        if (byId != null) {
            return byId;
        }
        for (RouteMatcher matcher : matchers) {
            if (matcher.matches(model, lowerModel)) {
                return matcher.result();
            }
        }
        return defaultRoute;
    }

    /** Every route, in match order. */
    public List<RouteConfig> routes() {
        return routes;
    }

    /** The route of that name. */
    public Optional<RouteConfig> route(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The keys of that route, shared by every request to it.
     *
     * @throws IllegalArgumentException when no route has that name
     */
    public KeyRing keys(String routeName) {
        KeyRing ring = keyRings.get(routeName);
        if (ring == null) {
            throw new IllegalArgumentException("no route named " + routeName);
        }
        return ring;
    }
}
