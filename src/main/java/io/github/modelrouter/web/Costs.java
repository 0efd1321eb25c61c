package io.github.modelrouter.web;

import io.github.modelrouter.config.BudgetConfig;
import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.state.RouterState;
import io.github.modelrouter.stream.TokenUsage;
import java.math.BigDecimal;

/**
 * Accounts for one answered request: its cost from its usage and the route's prices, added to the
 * metrics and today's ledger, and charged to the client's day budgets in the shared state (without
 * waiting for it). Called once per request, when its async cycle completes.
 */
final class Costs {

    private final BudgetConfig budgets;
    private final RouterMetrics metrics;
    private final CostLedger ledger;
    private final RouterState state;

    Costs(BudgetConfig budgets, RouterMetrics metrics, CostLedger ledger, RouterState state) {
        this.budgets = budgets;
        this.metrics = metrics;
        this.ledger = ledger;
        this.state = state;
    }

    /**
     * @param client the named client, or null
     * @param clientName its name, or {@link ClientDirectory#ANONYMOUS}
     * @return the answer's exact cost in USD
     */
    BigDecimal account(RouteConfig route, ClientConfig client, String clientName, TokenUsage usage) {
        BigDecimal cost = budgets.pricesOf(route.name()).cost(usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadInputTokens(), usage.cacheCreationInputTokens());
        if (client != null && (client.tokensPerDay().isPresent() || client.usdPerDay().isPresent())) {
            state.charge(client, tokens(usage), cost);
        }
        // after the charge: once the summary shows the cost, the in-process budget holds it too
        metrics.cost(route, clientName, cost);
        ledger.add(route.name(), clientName, cost);
        return cost;
    }

    CostLedger ledger() {
        return ledger;
    }

    /** Every token of an answer counts against tokens-per-day: input, output, cache read and cache write. */
    static long tokens(TokenUsage usage) {
        return usage.inputTokens() + usage.outputTokens() + usage.cacheReadInputTokens()
                + usage.cacheCreationInputTokens();
    }
}
