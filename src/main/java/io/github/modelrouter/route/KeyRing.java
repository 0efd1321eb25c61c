package io.github.modelrouter.route;

import io.github.modelrouter.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The API keys of one route, handed out round-robin, with a cool-down for keys the upstream
 * rejected (401, 403, 429): a key {@linkplain #setAside set aside} is skipped until its cool-down
 * ends, unless every key is cooling down, in which case the one that recovers first is used
 * rather than failing the request outright.
 *
 * <p>Thread-safe and lock-free: called from many request threads at once on the hot path. The
 * rotation cursor only moves by compare-and-set past the key it hands out, so concurrent callers
 * share the usable keys evenly instead of racing onto the same one. Time comes from a nanosecond clock
 * ({@link System#nanoTime} in production, a fake in tests) and is compared by difference, as
 * {@code nanoTime} values may be negative or wrap.
 */
public final class KeyRing {

    /** Cool-downs are capped so that {@code now + cooldown} cannot overflow the difference comparison. */
    private static final long MAX_COOLDOWN_NANOS = Long.MAX_VALUE / 4;

    private final List<Secret> keys;
    /** Per key, a short digest that names it to other replicas without revealing it. */
    private final List<String> ids;
    private final List<Optional<Secret>> handOut;
    private final long cooldownNanos;
    private final LongSupplier nanoClock;
    /** Per key, the clock reading at which its cool-down ends; at or before now means usable. */
    private final AtomicLongArray coolUntil;
    private final AtomicInteger cursor = new AtomicInteger();

    /**
     * @param keys the keys in rotation order; may be empty
     * @param cooldown how long a key set aside is skipped; zero or positive
     * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     */
    public KeyRing(List<Secret> keys, Duration cooldown, LongSupplier nanoClock) {
        this.keys = List.copyOf(keys);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (Objects.requireNonNull(cooldown, "cooldown").isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
        }
        this.cooldownNanos = saturatedNanos(cooldown);
        List<Optional<Secret>> wrapped = new ArrayList<>();
        this.keys.forEach(key -> wrapped.add(Optional.of(key)));
        this.handOut = List.copyOf(wrapped);
        this.ids = this.keys.stream().map(KeyRing::digestId).toList();
        this.coolUntil = new AtomicLongArray(this.keys.size());
        long now = nanoClock.getAsLong();
        for (int i = 0; i < this.keys.size(); i++) {
            coolUntil.set(i, now);
        }
    }

    /**
     * The next key in rotation that is not cooling down; if all are, the one whose cool-down ends
     * first; empty only when the route has no key.
     */
    public Optional<Secret> next() {
        int size = keys.size();
        if (size <= 1) {
            return size == 0 ? Optional.empty() : handOut.get(0);
        }
        long now = nanoClock.getAsLong();
        while (true) {
            int start = cursor.get();
            int chosen = firstUsableFrom(start, now);
            if (chosen < 0) {
                return handOut.get(soonestToRecover(now));
            }
            if (cursor.compareAndSet(start, (chosen + 1) % size)) {
                return handOut.get(chosen);
            }
            // another thread took a key meanwhile: look again from where it left the cursor
        }
    }

    /**
     * The key of that id if it is not cooling down (a session's pinned key), else empty: the
     * caller then takes {@link #next()}.
     */
    public Optional<Secret> usableById(String id) {
        long now = nanoClock.getAsLong();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(id)) {
                return isUsable(i, now) ? handOut.get(i) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Skip {@code key} for the cool-down from now on; a key not in this ring is ignored. */
    public void setAside(Secret key) {
        long until = nanoClock.getAsLong() + cooldownNanos;
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equals(key)) {
                // never shorten a cool-down another thread has just extended
                coolUntil.accumulateAndGet(i, until, (current, proposed) -> proposed - current > 0 ? proposed : current);
            }
        }
    }

    /**
     * The id of {@code key} as other replicas know it: the first 16 hex digits of its SHA-256,
     * which names the key without revealing it. Null for a key not in this ring.
     */
    public String idOf(Secret key) {
        int index = keys.indexOf(key);
        return index < 0 ? null : ids.get(index);
    }

    /**
     * Another replica set the key of that id aside, with {@code remaining} of its cool-down left;
     * an unknown id is ignored (the replicas' configurations differ).
     */
    public void setAsideById(String id, Duration remaining) {
        long until = nanoClock.getAsLong() + saturatedNanos(remaining);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(id)) {
                coolUntil.accumulateAndGet(i, until, (current, proposed) -> proposed - current > 0 ? proposed : current);
            }
        }
    }

    /** How many keys are not cooling down now. */
    public int usable() {
        long now = nanoClock.getAsLong();
        int usable = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (isUsable(i, now)) {
                usable++;
            }
        }
        return usable;
    }

    /** How many keys the ring holds. */
    public int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "KeyRing[size=" + size() + ", usable=" + usable() + "]";
    }

    private int firstUsableFrom(int start, long now) {
        int size = keys.size();
        for (int step = 0; step < size; step++) {
            int index = (start + step) % size;
            if (isUsable(index, now)) {
                return index;
            }
        }
        return -1;
    }

    private int soonestToRecover(long now) {
        int best = 0;
        long bestWait = coolUntil.get(0) - now;
        for (int i = 1; i < keys.size(); i++) {
            long wait = coolUntil.get(i) - now;
            if (wait < bestWait) {
                best = i;
                bestWait = wait;
            }
        }
        return best;
    }

    private boolean isUsable(int index, long now) {
        return coolUntil.get(index) - now <= 0;
    }

    private static String digestId(Secret key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.min(duration.toNanos(), MAX_COOLDOWN_NANOS);
        } catch (ArithmeticException e) {
            return MAX_COOLDOWN_NANOS;
        }
    }
}
