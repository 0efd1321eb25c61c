package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static io.github.modelrouter.config.TestConfigs.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prices, named clients and router.state as the loader reads them, and what it refuses. */
class BudgetConfigTest {

    private static Map<String, String> base(String... overrides) {
        Map<String, String> properties = new HashMap<>(pairs(
                "router.routes", "r",
                "router.route.r.upstream", "https://r.example",
                "router.route.r.api-key", "sk-route"));
        properties.putAll(pairs(overrides));
        return properties;
    }

    private static RouterConfig load(String... overrides) {
        return new RouterConfigLoader(name -> null).load(config(base(overrides)));
    }

    @Test
    void pricesClientsAndRedisAreRead() {
        RouterConfig config = load(
                "router.route.r.price.input", "0.28", "router.route.r.price.output", "0.42",
                "router.clients", "alice,bob",
                "router.client.alice.token", "tok-alice", "router.client.alice.requests-per-minute", "10",
                "router.client.alice.tokens-per-day", "100000", "router.client.alice.usd-per-day", "2.50",
                "router.client.bob.token", "tok-bob",
                "router.state", "redis://127.0.0.1:6390/2", "router.state.timeout", "0.02");
        BudgetConfig budgets = config.budgets();
        assertEquals(new Prices(new BigDecimal("0.28"), new BigDecimal("0.42"), BigDecimal.ZERO, BigDecimal.ZERO),
                budgets.pricesOf("r"));
        ClientConfig alice = budgets.client("alice").orElseThrow();
        assertEquals(10, alice.requestsPerMinute().getAsLong());
        assertEquals(100_000, alice.tokensPerDay().getAsLong());
        assertEquals(new BigDecimal("2.50"), alice.usdPerDay().orElseThrow());
        assertTrue(alice.limited());
        assertFalse(budgets.client("bob").orElseThrow().limited());
        assertEquals(new StateTarget("127.0.0.1", 6390, 2), budgets.state());
        assertEquals(Duration.ofMillis(20), budgets.stateTimeout());
        assertEquals(2, config.inboundTokens().size(), "client tokens join inbound auth");
        assertFalse(alice.toString().contains("tok-alice"));
    }

    @Test
    void defaultsAreMemoryAndNoClients() {
        RouterConfig config = load();
        assertEquals(StateTarget.MEMORY, config.budgets().state());
        assertEquals(List.of(), config.budgets().clients());
        assertEquals(Prices.NONE, config.budgets().pricesOf("r"));
        assertEquals(StateTarget.MEMORY, load("router.state", "memory").budgets().state());
        assertEquals(6379, load("router.state", "redis://redis.internal").budgets().state().port());
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> load(
                "router.route.r.price.input", "-1",
                "router.route.r.price.output", "cheap",
                "router.clients", "alice,bob,carol,bad.name",
                "router.client.alice.requests-per-minute", "0",
                "router.client.bob.token", "same", "router.client.carol.token", "same",
                "router.client.bob.usd-per-day", "0",
                "router.state", "redis://user:secret@host:1"));
        String message = e.getMessage();
        for (String expected : List.of("router.route.r.price.input = \"-1\"", "router.route.r.price.output = \"cheap\"",
                "router.client.alice.token is not set", "router.client.alice.requests-per-minute = \"0\"",
                "router.client.carol.token is the same token as router.client.bob.token",
                "router.client.bob.usd-per-day = \"0\"", "router.clients = \"bad.name\"", "router.state = ")) {
            assertTrue(message.contains(expected), () -> "missing <" + expected + "> in " + message);
        }
        assertFalse(message.contains("\"same\""), "a token never appears in a message");
    }
}
