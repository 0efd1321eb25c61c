package io.github.modelrouter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.config.StateTarget;
import io.github.modelrouter.it.RedisAvailable;
import io.github.modelrouter.it.RedisServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Redis states on one real Redis server: shared windows, budgets and events, and an outage in the middle. */
@ExtendWith(RedisAvailable.class)
@Timeout(60)
class RedisRouterStateTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisRouterState state() {
        return new RedisRouterState(new StateTarget("127.0.0.1", redis.port(), 0), Duration.ofMillis(500));
    }

    private static ClientConfig client(String name, long rpm, long tokensPerDay) {
        return new ClientConfig(name, new Secret("t"), OptionalLong.of(rpm), OptionalLong.of(tokensPerDay), Optional.empty());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Records what the other replica published. */
    private static final class Heard implements RouterState.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void keyCooledDown(String route, String keyId, Duration remaining) {
            events.add("cool " + route + " " + keyId + " " + (remaining.toSeconds() > 50));
        }

        @Override
        public void routeAvoided(String route, Duration remaining) {
            events.add("avoid " + route + " " + !remaining.isZero());
        }
    }

    @Test
    void windowsBudgetsAndEventsAreSharedAndSurviveAnOutage() throws Exception {
        try (RedisRouterState one = state(); RedisRouterState two = state()) {
            Heard heardByTwo = new Heard();
            two.listen(heardByTwo);
            await("both connected", () -> one.status().equals("ok") && two.status().equals("ok"));
            long intoMinute = System.currentTimeMillis() % 60_000;
            if (intoMinute > 50_000) {
                Thread.sleep(60_000 - intoMinute + 100);
            }
            ClientConfig alice = client("alice-" + System.nanoTime(), 2, 100);
            assertTrue(one.admit(alice).allowed());
            assertTrue(two.admit(alice).allowed());
            Admission third = one.admit(alice);
            assertFalse(third.allowed(), "the shared minute holds both replicas' requests");
            assertEquals("requests-per-minute", third.limit());

            ClientConfig bob = client("bob-" + System.nanoTime(), 1000, 100);
            one.charge(bob, 150, BigDecimal.ZERO);
            await("two sees one's charge", () -> !two.admit(bob).allowed());
            assertEquals("tokens-per-day", two.admit(bob).limit());

            one.keyCooledDown("opus", "abcd", Duration.ofSeconds(60));
            assertEquals("cool opus abcd true", heardByTwo.events.poll(10, TimeUnit.SECONDS));
            one.routeAvoided("sonnet", Duration.ofSeconds(30));
            assertEquals("avoid sonnet true", heardByTwo.events.poll(10, TimeUnit.SECONDS));

            redis.kill();
            await("both degraded", () -> one.status().equals("degraded") && two.status().equals("degraded"));
            ClientConfig carol = client("carol-" + System.nanoTime(), 1000, 100);
            long started = System.nanoTime();
            assertTrue(one.admit(carol).allowed(), "local state decides while Redis is away");
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(100), "and at once");
            one.charge(carol, 150, BigDecimal.ZERO);
            one.keyCooledDown("haiku", "ef01", Duration.ofSeconds(60));

            redis.restart();
            await("both back", () -> one.status().equals("ok") && two.status().equals("ok"));
            // caught up: the charge made during the outage, and the cool-down, reach the other replica
            await("two sees the charge made while Redis was down", () -> !two.admit(carol).allowed());
            String heard;
            do {
                heard = heardByTwo.events.poll(10, TimeUnit.SECONDS);
            } while (heard != null && !heard.startsWith("cool haiku"));
            assertEquals("cool haiku ef01 true", heard);
            one.keyCooledDown("opus", "9999", Duration.ofSeconds(60));
            do {
                heard = heardByTwo.events.poll(10, TimeUnit.SECONDS);
            } while (heard != null && !heard.startsWith("cool opus 9999"));
            assertEquals("cool opus 9999 true", heard, "the channel works again after the restart");
        }
    }
}
