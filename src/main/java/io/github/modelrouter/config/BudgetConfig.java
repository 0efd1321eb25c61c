package io.github.modelrouter.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Costs, budgets and replicas: the routes' prices, the named clients with their limits, and where
 * shared state lives. Read by {@link BudgetReader} as part of {@link RouterConfigLoader#load}.
 *
 * @param prices per route name; a route without prices is absent (its answers cost 0)
 * @param clients the named clients in configured order
 * @param state in-process or Redis
 * @param stateTimeout longest a request waits for Redis before deciding on local state
 */
public record BudgetConfig(Map<String, Prices> prices, List<ClientConfig> clients, StateTarget state,
                           Duration stateTimeout) {

    /** No prices, no clients, in-process state. */
    public static final BudgetConfig NONE = new BudgetConfig(Map.of(), List.of(), StateTarget.MEMORY,
            BudgetReader.DEFAULT_STATE_TIMEOUT);

    public BudgetConfig {
        prices = Map.copyOf(prices);
        clients = List.copyOf(clients);
    }

    /** The prices of that route, {@link Prices#NONE} when it has none. */
    public Prices pricesOf(String route) {
        return prices.getOrDefault(route, Prices.NONE);
    }

    public Optional<ClientConfig> client(String name) {
        return clients.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
