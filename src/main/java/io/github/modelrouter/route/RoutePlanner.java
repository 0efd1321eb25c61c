package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.state.RouterState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Where an exchange goes, as Undertow splits "where to go" from "how to proxy": which route and
 * key an attempt uses, and what follows an attempt's outcome (pass the answer on, retry, fall
 * back). It owns the routes' live health and reads the key rings; the exchange in {@code web}
 * only carries the decisions out.
 *
 * <ul>
 *   <li>a new request starts on its model's route, unless that route is avoided (failing, see
 *       {@link RouteHealth}): then on the first fallback down the chain that is not;
 *   <li>a 401 (the key is not valid) or 429 (the key's quota) sets the attempt's key aside for the
 *       route's {@code key-cooldown}; a 403 does not: it refuses this request (a model or feature
 *       the client chose that the account may not use), and parking the key would punish every
 *       other request; it is still retried once with the next key;
 *   <li>an upstream 5xx, or a failure the upstream caused, counts against the route's health;
 *       anything below 500 counts for it. A client too slow to read (the per-exchange buffer
 *       overflowed, or the exchange timed out while the router held its credit back for a
 *       client that was not reading) is not the upstream's fault and counts neither way.
 * </ul>
 *
 * <p>Shared state ({@link RouterState}): a key set aside and a route that becomes avoided (or
 * recovers) are told to the other replicas, and what they tell is applied here, so every replica
 * skips a key one of them saw rejected and avoids a route one of them saw failing.
 *
 * <p>Thread-safe: every request thread, the HttpClient reactor, the scheduler and the state's I/O
 * threads call it; its state is the health records' and key rings' atomics.
 */
public final class RoutePlanner {

    /**
     * How long a session's pin lives without a request: Anthropic's longer prompt-cache lifetime
     * (an hour); a session idle for longer has a cold cache anyway.
     */
    public static final Duration SESSION_PIN_TTL = Duration.ofHours(1);

    private final RouteTable routes;
    private final Map<String, RouteHealth> health;
    private final BiConsumer<RouteConfig, RouteConfig> fallbackTaken;
    private final RouterState state;
    private final RejectedFields rejectedFields = new RejectedFields();

    /** A planner whose state is this process's alone (no other replica is told anything). */
    public RoutePlanner(RouteTable routes, LongSupplier nanoClock, BiConsumer<RouteConfig, RouteConfig> fallbackTaken) {
        this(routes, nanoClock, fallbackTaken, RouterState.inProcess());
    }

    /**
     * @param routes the deployment's routes and key rings
     * @param nanoClock the clock of the health records (a fake one in tests)
     * @param fallbackTaken told (from, to) whenever traffic moves to a fallback, for metrics
     * @param state where cool-downs and avoidance are shared with other replicas
     */
    public RoutePlanner(RouteTable routes, LongSupplier nanoClock, BiConsumer<RouteConfig, RouteConfig> fallbackTaken,
                        RouterState state) {
        this.routes = routes;
        Map<String, RouteHealth> records = new LinkedHashMap<>();
        for (RouteConfig route : routes.routes()) {
            records.put(route.name(), new RouteHealth(nanoClock));
        }
        this.health = Map.copyOf(records);
        this.fallbackTaken = fallbackTaken;
        this.state = state;
        state.listen(new SharedStateListener());
    }

    /** The route a request for {@code model} starts on, or empty when none matches (a 400). */
    public Optional<RouteConfig> firstRoute(String model) {
        return routes.resolve(model).map(this::avoidFailing);
    }

    /**
     * The route a request starts on, decided by the routing rules or else the model, moved down the
     * fallback chain when it is avoided; null when none matches (a 400).
     */
    public RouteChoice firstRoute(RequestFacts facts) {
        RouteChoice choice = routes.choose(facts);
        return choice == null ? null : choice.on(avoidFailing(choice.route()));
    }

    /** Whether routing rules are configured. */
    public boolean hasRules() {
        return routes.hasRules();
    }

    /** A route known to be failing hands its traffic to its fallback (validation rules out cycles). */
    private RouteConfig avoidFailing(RouteConfig route) {
        RouteConfig chosen = route;
        while (health(chosen).avoided() && !chosen.fallback().isEmpty()) {
            RouteConfig next = routes.route(chosen.fallback()).orElse(null);
            if (next == null) {
                break;
            }
            fallbackTaken.accept(chosen, next);
            chosen = next;
        }
        return chosen;
    }

    /**
     * Where a request of Claude Code session {@code session} for {@code model} starts: the route
     * and key the session was pinned to when that route is {@code first} or on the fallback chain of
     * the model's route and is not avoided, else {@code first} with no key pinned. Completes within
     * the state's timeout (at once with in-process state).
     *
     * @param first the route {@link #firstRoute} chose for the model
     */
    public java.util.concurrent.CompletionStage<SessionPin> pin(String session, String model, RouteConfig first) {
        RouteConfig matched = routes.resolve(model).orElse(first);
        String stateKey = session + "|" + matched.name();
        return state.stickyKey(stateKey).thenApply(value -> value
                .map(pinned -> pinned.split(" ", 2))
                .filter(parts -> parts.length == 2)
                .flatMap(parts -> routes.route(parts[0])
                        .filter(route -> onChain(matched, route) && !health(route).avoided())
                        .map(route -> new SessionPin(stateKey, route, parts[1])))
                .orElseGet(() -> new SessionPin(stateKey, first, null)));
    }

    /** Whether {@code candidate} is {@code start} or on its fallback chain (validation rules out cycles). */
    private boolean onChain(RouteConfig start, RouteConfig candidate) {
        RouteConfig at = start;
        for (int hops = 0; at != null && hops <= health.size(); hops++) {
            if (at.name().equals(candidate.name())) {
                return true;
            }
            at = at.fallback().isEmpty() ? null : routes.route(at.fallback()).orElse(null);
        }
        return false;
    }

    /**
     * Pins the session to the route and key that just answered it; each answer renews the pin for
     * {@link #SESSION_PIN_TTL}.
     */
    public void stick(SessionPin pin, RouteConfig route, Secret key) {
        String keyId = key == null ? "-" : routes.keys(route.name()).idOf(key);
        if (keyId != null) {
            state.stick(pin.stateKey(), route.name() + " " + keyId, SESSION_PIN_TTL);
        }
    }

    /**
     * The key the next attempt on {@code route} sends: the session's pinned key while it is usable
     * (not set aside after a 401 or 429), else the next in rotation; null when the route has none.
     *
     * @param pin the session's pin, or null for a request of no session
     */
    public Secret keyFor(RouteConfig route, SessionPin pin) {
        if (pin != null && pin.keyId() != null && pin.route().name().equals(route.name())) {
            Optional<Secret> pinned = routes.keys(route.name()).usableById(pin.keyId());
            if (pinned.isPresent()) {
                return pinned.get();
            }
        }
        return keyFor(route);
    }

    /** The key the next attempt on {@code route} sends, or null when the route has none usable. */
    public Secret keyFor(RouteConfig route) {
        return routes.keys(route.name()).next().orElse(null);
    }

    /** An attempt on {@code route} is about to be sent. */
    public void attemptStarted(RouteConfig route) {
        health(route).attemptStarted();
    }

    /** An attempt on {@code route} ended, however it ended. */
    public void attemptEnded(RouteConfig route) {
        health(route).attemptEnded();
    }

    /**
     * The upstream answered {@code status}: records what it says of the route and the key, and
     * decides what follows.
     *
     * @param key the key the attempt sent, or null
     * @param retriesDone retries already made on this route for this request
     * @param retryAfter the upstream's {@code retry-after}, or null
     */
    public NextStep afterStatus(RouteConfig route, Secret key, int retriesDone, int status, String retryAfter) {
        if (status >= 500) {
            failed(route, "HTTP " + status);
        } else if (health(route).succeeded("HTTP " + status)) {
            state.routeAvoided(route.name(), Duration.ZERO);
        }
        KeyRing keys = routes.keys(route.name());
        if ((status == 401 || status == 429) && key != null) {
            keys.setAside(key);
            state.keyCooledDown(route.name(), keys.idOf(key), route.keyCooldown());
        }
        return NextStep.afterStatus(route, retriesDone, status, retryAfter, keys.usable() > 0, routes::route);
    }

    /**
     * The attempt failed without an answer, or during one.
     *
     * @param description what happened, for {@code /health} (never a key)
     * @param upstreamsFault false when the client caused it (too slow to read): the route's health is left alone
     * @param beforeHead whether no answer had begun, so a fallback may still be tried
     */
    public NextStep afterFailure(RouteConfig route, String description, boolean upstreamsFault, boolean beforeHead) {
        if (upstreamsFault) {
            failed(route, description);
        }
        return beforeHead ? NextStep.afterFailureBeforeHead(route, routes::route) : new NextStep.Pass();
    }

    private void failed(RouteConfig route, String description) {
        if (health(route).failed(description)) {
            state.routeAvoided(route.name(), RouteHealth.AVOID_FOR);
        }
    }

    /** Applies what other replicas tell; on the state's I/O threads, so only atomics. */
    private final class SharedStateListener implements RouterState.Listener {
        @Override
        public void keyCooledDown(String route, String keyId, Duration remaining) {
            routes.route(route).ifPresent(known -> routes.keys(known.name()).setAsideById(keyId, remaining));
        }

        @Override
        public void routeAvoided(String route, Duration remaining) {
            routes.route(route).ifPresent(known -> health(known).avoidedElsewhere(remaining));
        }
    }

    /** The fields (and paired betas) {@code route} strips because its upstream rejected them; never null. */
    public RejectedFields.Learned rejectedFields(RouteConfig route) {
        return rejectedFields.of(route.name());
    }

    /** {@code route}'s upstream rejected {@code fields}: strip them from now on; answers those that were new. */
    public java.util.Set<String> learnRejected(RouteConfig route, java.util.Set<String> fields) {
        return rejectedFields.learn(route.name(), fields);
    }

    /** The live health of {@code route}. */
    public RouteHealth health(RouteConfig route) {
        return health.get(route.name());
    }
}
