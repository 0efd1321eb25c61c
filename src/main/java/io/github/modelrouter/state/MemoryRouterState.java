package io.github.modelrouter.state;

import io.github.modelrouter.config.ClientConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * {@code router.state=memory} (the default): budgets, windows and stickiness in this process. With
 * no other replica to tell, cool-downs and avoidance stay in the route planner that made them.
 * Thread-safe; nothing here blocks.
 */
public final class MemoryRouterState implements RouterState {

    private final LocalBudgets budgets;
    private final LocalStickiness stickiness;

    /** On the system clocks. */
    public MemoryRouterState() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    /**
     * @param wallClock epoch milliseconds, for the budget windows
     * @param nanoClock monotonic nanoseconds, for stickiness expiry
     */
    public MemoryRouterState(LongSupplier wallClock, LongSupplier nanoClock) {
        this.budgets = new LocalBudgets(wallClock);
        this.stickiness = new LocalStickiness(nanoClock);
    }

    @Override
    public Admission admit(ClientConfig client) {
        return budgets.admit(client);
    }

    @Override
    public void charge(ClientConfig client, long tokens, BigDecimal usd) {
        budgets.charge(client.name(), tokens, Windows.nanoUsd(usd));
    }

    @Override
    public void keyCooledDown(String route, String keyId, Duration cooldown) {
        // nobody else to tell
    }

    @Override
    public void routeAvoided(String route, Duration period) {
        // nobody else to tell
    }

    @Override
    public void listen(Listener listener) {
        // nothing will ever be heard
    }

    @Override
    public CompletionStage<Optional<String>> stickyKey(String session) {
        return CompletableFuture.completedFuture(stickiness.get(session));
    }

    @Override
    public void stick(String session, String keyId, Duration ttl) {
        stickiness.put(session, keyId, ttl);
    }

    @Override
    public String status() {
        return "ok";
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing held
    }
}
