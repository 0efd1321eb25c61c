package io.github.modelrouter.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a route's requests travel to its upstream: which CA certificates are trusted besides the
 * JDK's, which outbound proxy (if any) carries them, and whether HTTP/2 is offered. Routes with
 * equal transports share one HttpClient (and its connection pool). Immutable.
 *
 * @param extraTrust CA certificates trusted in addition to the JDK's default trust
 *     ({@code router.trust-store} and {@code router.route.<r>.trust-store}, in that order)
 * @param trustStores the files those came from, for /health
 * @param proxy the outbound proxy; empty to connect directly
 * @param http2 whether HTTP/2 is spoken to the upstream when it offers it
 *     ({@code router.route.<r>.http2})
 */
public record RouteTransport(List<X509Certificate> extraTrust, List<String> trustStores,
                             Optional<ProxySetting> proxy, boolean http2) {

    /** Direct, JDK trust only, HTTP/1.1: the transport of a route that configures none. */
    public static final RouteTransport DIRECT = new RouteTransport(List.of(), List.of(), Optional.empty(), false);

    public RouteTransport {
        extraTrust = List.copyOf(extraTrust);
        trustStores = List.copyOf(trustStores);
        Objects.requireNonNull(proxy, "proxy");
    }

    @Override
    public String toString() {
        return "RouteTransport[" + extraTrust.size() + " extra CAs from " + trustStores + ", proxy "
                + proxy.map(ProxySetting::toString).orElse("none") + ", http2 " + http2 + "]";
    }
}
