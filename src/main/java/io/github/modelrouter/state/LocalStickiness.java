package io.github.modelrouter.state;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Session → key pins in this process, each with an expiry. Bounded: past {@link #MAX_SESSIONS}
 * entries the expired ones are swept, and if none is, the pin is not stored (stickiness is an
 * optimisation, never worth unbounded memory).
 */
final class LocalStickiness {

    static final int MAX_SESSIONS = 100_000;

    private record Pin(String keyId, long expiresNanos) {
    }

    private final ConcurrentMap<String, Pin> pins = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    LocalStickiness(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Optional<String> get(String session) {
        Pin pin = pins.get(session);
        if (pin == null) {
            return Optional.empty();
        }
        if (pin.expiresNanos() - nanoClock.getAsLong() <= 0) {
            pins.remove(session, pin);
            return Optional.empty();
        }
        return Optional.of(pin.keyId());
    }

    void put(String session, String keyId, Duration ttl) {
        long now = nanoClock.getAsLong();
        if (pins.size() >= MAX_SESSIONS) {
            pins.values().removeIf(pin -> pin.expiresNanos() - now <= 0);
            if (pins.size() >= MAX_SESSIONS) {
                return;
            }
        }
        pins.put(session, new Pin(keyId, now + ttl.toNanos()));
    }
}
