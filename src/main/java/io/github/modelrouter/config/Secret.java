package io.github.modelrouter.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (upstream API key or inbound client token). Its {@code toString} never shows the
 * value, so a secret that slips into a log line, an exception message or a record's
 * {@code toString} prints as {@code ****}.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Whether {@code candidate} is this secret, compared in time independent of where they differ,
     * so an inbound token check does not leak how much of a guess was right.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "****";
    }
}
