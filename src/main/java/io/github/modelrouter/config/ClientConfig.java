package io.github.modelrouter.config;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A named client ({@code router.clients}, {@code router.client.<c>.*}): its inbound token, which
 * joins {@code router.auth.tokens}, and its limits. An empty limit is no limit.
 *
 * @param name the client's name, shown in logs, metrics and the status page (never its token)
 * @param token the token it presents as {@code x-api-key} or {@code Authorization: Bearer}
 * @param requestsPerMinute requests admitted per calendar minute (UTC)
 * @param tokensPerDay tokens (input, output, cache read and cache write) per UTC day
 * @param usdPerDay cost in USD per UTC day
 */
public record ClientConfig(String name, Secret token, OptionalLong requestsPerMinute, OptionalLong tokensPerDay,
                           Optional<BigDecimal> usdPerDay) {

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
        Objects.requireNonNull(tokensPerDay, "tokensPerDay");
        Objects.requireNonNull(usdPerDay, "usdPerDay");
    }

    /** Whether any limit is set (a client without limits never asks the shared state before forwarding). */
    public boolean limited() {
        return requestsPerMinute.isPresent() || tokensPerDay.isPresent() || usdPerDay.isPresent();
    }

    @Override
    public String toString() {
        // the record's default would print the token's wrapper; keep even that out of logs
        return "ClientConfig[name=" + name + ", requestsPerMinute=" + requestsPerMinute + ", tokensPerDay="
                + tokensPerDay + ", usdPerDay=" + usdPerDay + "]";
    }
}
