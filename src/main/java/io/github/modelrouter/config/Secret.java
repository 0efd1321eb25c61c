package io.github.modelrouter.config;

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

    @Override
    public String toString() {
        return "****";
    }
}
