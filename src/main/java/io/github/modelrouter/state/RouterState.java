package io.github.modelrouter.state;

import io.github.modelrouter.config.ClientConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The state replicas of the router share: budgets and rate windows of named clients, key
 * cool-downs, avoided routes and session stickiness. {@link MemoryRouterState} keeps it in this
 * process (the default); {@link RedisRouterState} shares it through Redis and falls back on its
 * local copy while Redis is away.
 *
 * <p>Every method is called on request paths (container threads, the HttpClient reactor) and so
 * never blocks for long: {@link #admit} waits for Redis at most {@code router.state.timeout}, and
 * everything else is fire-and-forget or returns a stage.
 */
public interface RouterState extends AutoCloseable {

    /** State in this process only, shared with nobody ({@code router.state=memory}). */
    static RouterState inProcess() {
        return new MemoryRouterState();
    }

    /**
     * Whether one more request of {@code client} may be forwarded now: its day budgets (tokens,
     * USD) are not spent and its minute window has room; when admitted, the request counts in the
     * minute window.
     */
    Admission admit(ClientConfig client);

    /** Charges an answered request of {@code client} to today: its tokens (all kinds) and its cost. */
    void charge(ClientConfig client, long tokens, BigDecimal usd);

    /** Tells the other replicas that this one set {@code keyId} of {@code route} aside for {@code cooldown}. */
    void keyCooledDown(String route, String keyId, Duration cooldown);

    /** Tells the other replicas that {@code route} is avoided for {@code period} (zero: no longer avoided). */
    void routeAvoided(String route, Duration period);

    /** Registers who applies what other replicas tell (cool-downs, avoidance). */
    void listen(Listener listener);

    /** The key a session was pinned to, if it still is (completes within the state timeout). */
    CompletionStage<Optional<String>> stickyKey(String session);

    /** Pins {@code session} to {@code keyId} for {@code ttl}. */
    void stick(String session, String keyId, Duration ttl);

    /** {@code ok}, or {@code degraded} while a shared store is unreachable (local state serves). */
    String status();

    /** {@code memory} or the Redis address (never credentials). */
    String backend();

    @Override
    void close();

    /**
     * Receives what other replicas published. Called on the state's own I/O threads: must not block.
     */
    interface Listener {

        /** Another replica set a key aside; {@code remaining} is what is left of its cool-down. */
        void keyCooledDown(String route, String keyId, Duration remaining);

        /** Another replica avoids {@code route} for {@code remaining} (zero: it recovered). */
        void routeAvoided(String route, Duration remaining);
    }
}
