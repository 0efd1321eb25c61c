package io.github.modelrouter.state;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.StateTarget;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code router.state=redis://host:port[/db]}: state shared by every replica naming the same Redis,
 * through Lettuce's async API (no thread parked per request).
 *
 * <ul>
 *   <li>Budgets and rate windows: one Lua script checks and counts atomically ({@link RedisScripts});
 *       charges are INCRBY with expiry, sent without waiting.
 *   <li>Key cool-downs and avoided routes: published on a channel that every replica subscribes to,
 *       and kept in sorted sets (score: when they end) for replicas that connect later.
 *   <li>Stickiness: a key per session with a time to live.
 * </ul>
 *
 * <p><b>Redis away.</b> Commands are rejected at once while the connection is down (never queued
 * for a reconnect), and {@link #admit} waits at most {@code timeout}; then the local copy
 * ({@link LocalBudgets}, {@link LocalStickiness}), which every decision keeps warm, decides, and
 * {@link #status} says {@code degraded}. Charges and counts made meanwhile are kept as pending
 * deltas. When both connections are back, a tick on the state's own thread catches up: it adds the
 * pending deltas, re-publishes this replica's live cool-downs and avoidance, and reads the others'.
 *
 * <p><b>Threads.</b> Request threads call the public methods; Lettuce's event loop completes
 * futures and delivers channel messages (to the {@link Listener}, which must not block); one
 * daemon thread of this class connects, reconnects the first time, and catches up.
 */
public final class RedisRouterState implements RouterState {

    private static final System.Logger LOG = System.getLogger(RedisRouterState.class.getName());
    private static final long TICK_MILLIS = 250;
    /** After a command timed out, the state counts as degraded this long (a hung Redis looks connected). */
    private static final long SLOW_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final StateTarget target;
    private final Duration timeout;
    private final LongSupplier wallClock;
    private final String origin = UUID.randomUUID().toString();
    private final LocalBudgets budgets;
    private final LocalStickiness stickiness;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final ScheduledExecutorService ticker;
    /** Counter key → amount added locally while Redis could not be told, with the key's expiry. */
    private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** This replica's own live cool-downs ("route\tkeyId") and avoided routes ("route"), until epoch ms. */
    private final ConcurrentMap<String, Long> ownCooldowns = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> ownAvoided = new ConcurrentHashMap<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    /** When a command last timed out; {@code sawTimeout} says whether one ever did. */
    private final AtomicLong slowSinceNanos = new AtomicLong();
    private volatile boolean sawTimeout;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile Listener listener = new Listener() {
        @Override
        public void keyCooledDown(String route, String keyId, Duration remaining) {
        }

        @Override
        public void routeAvoided(String route, Duration remaining) {
        }
    };
    private volatile boolean wasUp;
    /**
     * Set whenever a connection dropped or local state had to decide: the next tick that finds
     * Redis up catches up. A flag rather than a sampled transition, because an outage shorter than
     * a tick would otherwise go unnoticed and its pending deltas stay local.
     */
    private volatile boolean needsCatchUp = true;

    private record Pending(AtomicLong amount, long expiresAtMillis) {
    }

    /**
     * Connects in the background: the deployment starts (degraded) even when Redis is not there yet.
     *
     * @param timeout longest {@link #admit} waits for Redis
     */
    public RedisRouterState(StateTarget target, Duration timeout) {
        this(target, timeout, System::currentTimeMillis, System::nanoTime);
    }

    RedisRouterState(StateTarget target, Duration timeout, LongSupplier wallClock, LongSupplier nanoClock) {
        this.target = target;
        this.timeout = timeout;
        this.wallClock = wallClock;
        this.budgets = new LocalBudgets(wallClock);
        this.stickiness = new LocalStickiness(nanoClock);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                // a replica back in the game quickly matters more than sparing a local Redis a few connects
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.uri = RedisURI.builder().withHost(target.host()).withPort(target.port()).withDatabase(target.database())
                .withTimeout(Duration.ofSeconds(1)).build();
        this.client = RedisClient.create(resources, uri);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connectionHandler) {
                needsCatchUp = true;
            }
        });
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // a request never waits on a reconnect: while down, commands fail at once and local state decides
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
                .build());
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-router-state");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    // ---- budgets ----

    @Override
    public Admission admit(ClientConfig clientConfig) {
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands == null) {
            Admission local = budgets.admit(clientConfig);
            if (local.allowed()) {
                countPending(clientConfig);
            }
            return local;
        }
        long now = wallClock.getAsLong();
        String[] keys = {RedisKeys.minuteRequests(clientConfig.name(), now),
                RedisKeys.dayTokens(clientConfig.name(), now), RedisKeys.dayNanoUsd(clientConfig.name(), now)};
        String[] args = {
                clientConfig.requestsPerMinute().isPresent() ? Long.toString(clientConfig.requestsPerMinute().getAsLong()) : "-1",
                clientConfig.tokensPerDay().isPresent() ? Long.toString(clientConfig.tokensPerDay().getAsLong()) : "-1",
                clientConfig.usdPerDay().map(usd -> Long.toString(Windows.nanoUsd(usd))).orElse("-1"),
                Long.toString(Windows.millisLeftInMinute(now) + RedisKeys.EXPIRY_SLACK_MILLIS)};
        Long verdict;
        try {
            verdict = commands.<Long>eval(RedisScripts.ADMIT, ScriptOutputType.INTEGER, keys, args)
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            slowSinceNanos.set(System.nanoTime());
            sawTimeout = true;
            return budgets.admit(clientConfig);
        } catch (ExecutionException | RuntimeException e) {
            return budgets.admit(clientConfig);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return budgets.admit(clientConfig);
        }
        switch (verdict.intValue()) {
            case 1:
                return Admission.refused("requests-per-minute", Windows.secondsLeftInMinute(now));
            case 2:
                return Admission.refused("tokens-per-day", Windows.secondsLeftInDay(now));
            case 3:
                return Admission.refused("usd-per-day", Windows.secondsLeftInDay(now));
            default:
                budgets.counted(clientConfig.name());
                return Admission.ALLOWED;
        }
    }

    @Override
    public void charge(ClientConfig clientConfig, long tokens, BigDecimal usd) {
        long nanoUsd = Windows.nanoUsd(usd);
        budgets.charge(clientConfig.name(), tokens, nanoUsd);
        long now = wallClock.getAsLong();
        long expiresAt = now + Windows.millisLeftInDay(now) + RedisKeys.EXPIRY_SLACK_MILLIS;
        if (tokens > 0) {
            add(RedisKeys.dayTokens(clientConfig.name(), now), tokens, expiresAt);
        }
        if (nanoUsd > 0) {
            add(RedisKeys.dayNanoUsd(clientConfig.name(), now), nanoUsd, expiresAt);
        }
    }

    /** A request admitted while Redis was away still counts in the shared minute once it is back. */
    private void countPending(ClientConfig clientConfig) {
        if (clientConfig.requestsPerMinute().isPresent()) {
            long now = wallClock.getAsLong();
            addPending(RedisKeys.minuteRequests(clientConfig.name(), now), 1,
                    now + Windows.millisLeftInMinute(now) + RedisKeys.EXPIRY_SLACK_MILLIS);
        }
    }

    private void add(String key, long amount, long expiresAtMillis) {
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands == null) {
            addPending(key, amount, expiresAtMillis);
            return;
        }
        long ttl = Math.max(1, expiresAtMillis - wallClock.getAsLong());
        commands.<Long>eval(RedisScripts.ADD, ScriptOutputType.INTEGER, new String[] {key},
                Long.toString(amount), Long.toString(ttl))
                .whenComplete((total, failure) -> {
                    if (failure != null) {
                        addPending(key, amount, expiresAtMillis);
                    }
                });
    }

    private void addPending(String key, long amount, long expiresAtMillis) {
        needsCatchUp = true;
        pending.computeIfAbsent(key, k -> new Pending(new AtomicLong(), expiresAtMillis)).amount().addAndGet(amount);
    }

    // ---- cool-downs and avoidance ----

    @Override
    public void keyCooledDown(String route, String keyId, Duration cooldown) {
        long until = wallClock.getAsLong() + cooldown.toMillis();
        String member = route + "\t" + keyId;
        ownCooldowns.merge(member, until, Math::max);
        publishCooldown(member, until);
    }

    @Override
    public void routeAvoided(String route, Duration period) {
        long until = wallClock.getAsLong() + period.toMillis();
        if (period.isZero()) {
            ownAvoided.remove(route);
        } else {
            ownAvoided.put(route, until);
        }
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands != null) {
            if (period.isZero()) {
                commands.zrem(RedisKeys.AVOIDED, route);
            } else {
                commands.zadd(RedisKeys.AVOIDED, (double) until, route);
            }
            commands.publish(RedisKeys.EVENTS, "avoid\t" + origin + "\t" + route + "\t" + until);
        }
    }

    private void publishCooldown(String member, long until) {
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands != null) {
            commands.zadd(RedisKeys.COOLDOWNS, (double) until, member);
            commands.publish(RedisKeys.EVENTS, "cool\t" + origin + "\t" + member + "\t" + until);
        }
    }

    @Override
    public void listen(Listener newListener) {
        this.listener = newListener;
    }

    /** A message from the channel (Lettuce's event loop): apply what another replica did. */
    private void received(String message) {
        String[] parts = message.split("\t");
        if (parts.length < 4 || parts[1].equals(origin)) {
            return;
        }
        try {
            long now = wallClock.getAsLong();
            if (parts[0].equals("cool") && parts.length == 5) {
                long left = Long.parseLong(parts[4]) - now;
                if (left > 0) {
                    listener.keyCooledDown(parts[2], parts[3], Duration.ofMillis(left));
                }
            } else if (parts[0].equals("avoid") && parts.length == 4) {
                listener.routeAvoided(parts[2], Duration.ofMillis(Math.max(0, Long.parseLong(parts[3]) - now)));
            }
        } catch (NumberFormatException e) {
            // not ours to understand: ignore
        }
    }

    // ---- stickiness ----

    @Override
    public CompletionStage<Optional<String>> stickyKey(String session) {
        Optional<String> local = stickiness.get(session);
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands == null) {
            return CompletableFuture.completedFuture(local);
        }
        return commands.get(RedisKeys.sticky(session)).toCompletableFuture()
                .thenApply(shared -> shared == null ? local : Optional.of(shared))
                .exceptionally(failure -> local)
                .completeOnTimeout(local, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stick(String session, String keyId, Duration ttl) {
        stickiness.put(session, keyId, ttl);
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands != null) {
            commands.set(RedisKeys.sticky(session), keyId, SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
        }
    }

    // ---- health and connection ----

    @Override
    public String status() {
        boolean recentlySlow = sawTimeout && System.nanoTime() - slowSinceNanos.get() < SLOW_GRACE_NANOS;
        return up() && !recentlySlow ? "ok" : "degraded";
    }

    @Override
    public String backend() {
        return target.describe();
    }

    private boolean up() {
        StatefulRedisConnection<String, String> main = connection;
        StatefulRedisPubSubConnection<String, String> channel = pubSub;
        return main != null && main.isOpen() && channel != null && channel.isOpen();
    }

    private RedisAsyncCommands<String, String> commandsIfUp() {
        StatefulRedisConnection<String, String> main = connection;
        return main != null && main.isOpen() ? main.async() : null;
    }

    /** The state thread, every {@value #TICK_MILLIS} ms: connect the first time, and catch up after an outage. */
    private void tick() {
        try {
            if (connection == null || pubSub == null) {
                connectOnce();
                return;
            }
            boolean upNow = up();
            if (upNow && (needsCatchUp || !wasUp)) {
                needsCatchUp = false;
                catchUp();
            }
            if (!upNow && wasUp) {
                LOG.log(System.Logger.Level.WARNING, "Redis at " + target.describe()
                        + " is unreachable: serving with local state until it returns");
            }
            wasUp = upNow;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "state tick failed: " + e);
        }
    }

    /** Lettuce reconnects an established connection by itself, but not one that never connected. */
    private void connectOnce() {
        if (!connecting.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> main = connection != null ? CompletableFuture.completedFuture(null)
                : client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().thenAccept(c -> connection = c);
        CompletableFuture<Void> channel = pubSub != null ? CompletableFuture.completedFuture(null)
                : client.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture().thenCompose(c -> {
                    c.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String channelName, String message) {
                            received(message);
                        }
                    });
                    // Lettuce subscribes again by itself after each reconnect
                    return c.async().subscribe(RedisKeys.EVENTS).toCompletableFuture().thenAccept(ignored -> pubSub = c);
                });
        CompletableFuture.allOf(main, channel).whenComplete((ignored, failure) -> connecting.set(false));
    }

    /** Back after an outage (or connected for the first time): settle accounts with Redis. */
    private void catchUp() {
        RedisAsyncCommands<String, String> commands = commandsIfUp();
        if (commands == null) {
            return;
        }
        long now = wallClock.getAsLong();
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            if (pending.remove(entry.getKey(), entry.getValue())) {
                long amount = entry.getValue().amount().get();
                if (entry.getValue().expiresAtMillis() > now && amount > 0) {
                    add(entry.getKey(), amount, entry.getValue().expiresAtMillis());
                }
            }
        }
        ownCooldowns.forEach((member, until) -> {
            if (until > now) {
                publishCooldown(member, until);
            } else {
                ownCooldowns.remove(member, until);
            }
        });
        ownAvoided.forEach((route, until) -> {
            if (until > now) {
                commands.zadd(RedisKeys.AVOIDED, (double) until, route);
                commands.publish(RedisKeys.EVENTS, "avoid\t" + origin + "\t" + route + "\t" + until);
            } else {
                ownAvoided.remove(route, until);
            }
        });
        commands.zremrangebyscore(RedisKeys.COOLDOWNS, Range.create(Double.NEGATIVE_INFINITY, (double) now));
        commands.zremrangebyscore(RedisKeys.AVOIDED, Range.create(Double.NEGATIVE_INFINITY, (double) now));
        commands.zrangebyscoreWithScores(RedisKeys.COOLDOWNS, Range.create((double) now, Double.POSITIVE_INFINITY))
                .thenAccept(entries -> applyCooldowns(entries, now));
        commands.zrangebyscoreWithScores(RedisKeys.AVOIDED, Range.create((double) now, Double.POSITIVE_INFINITY))
                .thenAccept(entries -> entries.forEach(entry -> listener.routeAvoided(entry.getValue(),
                        Duration.ofMillis((long) entry.getScore() - now))));
        LOG.log(System.Logger.Level.INFO, "Redis at " + target.describe() + " connected: shared state in use");
    }

    private void applyCooldowns(List<ScoredValue<String>> entries, long now) {
        for (ScoredValue<String> entry : entries) {
            String[] member = entry.getValue().split("\t");
            if (member.length == 2) {
                listener.keyCooledDown(member[0], member[1], Duration.ofMillis((long) entry.getScore() - now));
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        StatefulRedisPubSubConnection<String, String> channel = pubSub;
        if (channel != null) {
            channel.close();
        }
        StatefulRedisConnection<String, String> main = connection;
        if (main != null) {
            main.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
