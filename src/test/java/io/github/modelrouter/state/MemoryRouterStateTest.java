package io.github.modelrouter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Limit checks of the in-process state on a fake clock: what is admitted, what is refused, and for how long. */
class MemoryRouterStateTest {

    private static final long MIDNIGHT = 1_767_225_600_000L;

    private final AtomicLong wall = new AtomicLong(MIDNIGHT + 10_000);
    private final AtomicLong nanos = new AtomicLong();
    private final MemoryRouterState state = new MemoryRouterState(wall::get, nanos::get);

    private static ClientConfig client(String name, Long rpm, Long tokens, String usd) {
        return new ClientConfig(name, new Secret("t-" + name),
                rpm == null ? OptionalLong.empty() : OptionalLong.of(rpm),
                tokens == null ? OptionalLong.empty() : OptionalLong.of(tokens),
                Optional.ofNullable(usd).map(BigDecimal::new));
    }

    @Test
    void requestsPerMinuteFreeAtTheNextMinute() {
        ClientConfig alice = client("alice", 2L, null, null);
        assertTrue(state.admit(alice).allowed());
        assertTrue(state.admit(alice).allowed());
        Admission third = state.admit(alice);
        assertFalse(third.allowed());
        assertEquals("requests-per-minute", third.limit());
        assertEquals(50, third.retryAfterSeconds(), "10 s into the minute, 50 s are left");
        wall.set(MIDNIGHT + 59_999);
        assertEquals(1, state.admit(alice).retryAfterSeconds());
        wall.set(MIDNIGHT + 60_000);
        assertTrue(state.admit(alice).allowed(), "a new minute, a new window");
        assertTrue(state.admit(client("bob", 2L, null, null)).allowed(), "clients do not share windows");
    }

    @Test
    void refusedRequestsDoNotUseTheWindow() {
        ClientConfig alice = client("alice", 1L, null, null);
        assertTrue(state.admit(alice).allowed());
        for (int i = 0; i < 5; i++) {
            assertFalse(state.admit(alice).allowed());
        }
        wall.addAndGet(60_000);
        assertTrue(state.admit(alice).allowed());
    }

    @Test
    void tokensAreCheckedBeforeAndChargedAfter() {
        ClientConfig carol = client("carol", null, 100L, null);
        assertTrue(state.admit(carol).allowed());
        state.charge(carol, 99, BigDecimal.ZERO);
        assertTrue(state.admit(carol).allowed(), "99 of 100 spent: one more request may go");
        state.charge(carol, 500, BigDecimal.ZERO);
        Admission over = state.admit(carol);
        assertFalse(over.allowed(), "the answer that went over is charged; the next request is refused");
        assertEquals("tokens-per-day", over.limit());
        assertEquals(86_400 - 10, over.retryAfterSeconds());
        wall.set(MIDNIGHT + 86_400_000);
        assertTrue(state.admit(carol).allowed(), "a new UTC day");
    }

    @Test
    void usdBudgetCountsExactly() {
        ClientConfig dave = client("dave", null, null, "0.001043");
        state.charge(dave, 0, new BigDecimal("0.001042"));
        assertTrue(state.admit(dave).allowed());
        state.charge(dave, 0, new BigDecimal("0.000001"));
        Admission over = state.admit(dave);
        assertFalse(over.allowed());
        assertEquals("usd-per-day", over.limit());
    }

    @Test
    void stickinessExpires() {
        state.stick("session-1", "key-a", Duration.ofSeconds(5));
        assertEquals(Optional.of("key-a"), state.stickyKey("session-1").toCompletableFuture().join());
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Optional.empty(), state.stickyKey("session-1").toCompletableFuture().join());
        assertEquals("ok", state.status());
    }
}
