package io.github.modelrouter.config;

import java.time.Duration;
import java.util.List;

/**
 * What protects the router's port from the web pages its user happens to open and from slow
 * clients: which {@code Origin}s and {@code Host} names are accepted, and how long a client may
 * take to send its body.
 *
 * @param allowedOrigins {@code router.allowed-origins}: origins a request carrying an
 *     {@code Origin} header may come from ({@code *} allows any); empty allows only the router's own
 * @param allowedHosts {@code router.allowed-hosts}: {@code Host} names accepted besides loopback
 *     names and IP literals (lower case)
 * @param bodyTimeout {@code router.body-timeout}: time a client may take to send its whole body
 */
public record OpenPortPolicy(List<String> allowedOrigins, List<String> allowedHosts, Duration bodyTimeout) {

    /** Default of {@code router.body-timeout}. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

    /** The defaults: no extra origins or hosts, 30 s for a body. */
    public static final OpenPortPolicy DEFAULT = new OpenPortPolicy(List.of(), List.of(), DEFAULT_BODY_TIMEOUT);

    public OpenPortPolicy {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }
}
