package io.github.modelrouter.config;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys that say how routes reach their upstreams (SPEC "The way out"): the trust stores
 * ({@code router.trust-store}, {@code router.route.<r>.trust-store}, each with an optional
 * {@code trust-store-password} for PKCS#12), the outbound proxy ({@code router.proxy},
 * {@code router.route.<r>.proxy}, else {@code HTTPS_PROXY}/{@code https_proxy} for https and
 * {@code HTTP_PROXY}/{@code http_proxy} for http upstreams, with {@code NO_PROXY}/{@code no_proxy})
 * and {@code router.route.<r>.http2}. Every bad value is recorded in the shared
 * {@link ConfigReader}; proxy credentials never appear in a problem.
 *
 * <p>Which proxy a route uses, first match wins: its own {@code proxy} key ({@code none} = direct;
 * {@code NO_PROXY} does not apply, the route asked for it by name); {@code router.proxy}
 * ({@code none} = direct) unless {@code NO_PROXY} lists the upstream host; the environment variable
 * for the upstream's scheme unless {@code NO_PROXY} lists the host or the host is a loopback name
 * or address (as Go's {@code ProxyFromEnvironment} does: a proxy on the way to this machine is
 * never what was meant, and the demo profile's upstream is the router itself).
 */
final class TransportReader {

    static final String GLOBAL_TRUST_STORE = "router.trust-store";
    static final String GLOBAL_PROXY = "router.proxy";

    private final ConfigReader reader;
    private final Function<String, String> environment;
    private final List<X509Certificate> globalTrust;
    private final List<String> globalTrustSources;
    /** Empty: unset; present and empty: {@code none}. */
    private final Optional<Optional<ProxySetting>> globalProxy;
    private final NoProxy noProxy;
    /** Environment variables already reported as malformed, so each is named once. */
    private final Set<String> reported = new HashSet<>();

    /** Reads the global keys now, recording their problems once. */
    TransportReader(ConfigReader reader, Function<String, String> environment) {
        this.reader = reader;
        this.environment = environment;
        this.globalTrust = trust(GLOBAL_TRUST_STORE, "router.trust-store-password");
        this.globalTrustSources = reader.text(GLOBAL_TRUST_STORE).filter(t -> !globalTrust.isEmpty())
                .map(List::of).orElse(List.of());
        this.globalProxy = proxyKey(GLOBAL_PROXY);
        this.noProxy = NoProxy.parse(firstEnv("NO_PROXY", "no_proxy").map(environment).orElse(null));
    }

    /** The transport of route {@code name}, whose upstream is {@code upstream} (empty when invalid). */
    RouteTransport forRoute(String name, Optional<URI> upstream) {
        List<X509Certificate> trust = new ArrayList<>(globalTrust);
        List<String> sources = new ArrayList<>(globalTrustSources);
        String routeStore = RouteReader.key(name, "trust-store");
        List<X509Certificate> routeTrust = trust(routeStore, RouteReader.key(name, "trust-store-password"));
        trust.addAll(routeTrust);
        if (!routeTrust.isEmpty()) {
            reader.text(routeStore).ifPresent(sources::add);
        }
        Optional<ProxySetting> proxy = proxyFor(name, upstream);
        boolean http2 = reader.bool(RouteReader.key(name, "http2")).orElse(false);
        return new RouteTransport(trust, sources, proxy, http2);
    }

    private Optional<ProxySetting> proxyFor(String name, Optional<URI> upstream) {
        Optional<Optional<ProxySetting>> own = proxyKey(RouteReader.key(name, "proxy"));
        if (own.isPresent()) {
            return own.get();
        }
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        URI uri = upstream.get();
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        if (globalProxy.isPresent()) {
            return globalProxy.get().filter(p -> !noProxy.bypasses(host, port));
        }
        if (noProxy.bypasses(host, port) || isLoopback(host)) {
            return Optional.empty();
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        Optional<String> variable = https ? firstEnv("HTTPS_PROXY", "https_proxy") : firstEnv("HTTP_PROXY", "http_proxy");
        return variable.flatMap(this::environmentProxy);
    }

    /** A proxy key: empty when unset, present-and-empty for {@code none}. */
    private Optional<Optional<ProxySetting>> proxyKey(String key) {
        Optional<String> text = reader.secret(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().equalsIgnoreCase("none")) {
            return Optional.of(Optional.empty());
        }
        Optional<ProxySetting> proxy = ProxySetting.parse(text.get(), key);
        if (proxy.isEmpty()) {
            reader.invalid(key, ProxySetting.masked(text.get()), expectedProxy());
        }
        return Optional.of(proxy);
    }

    private Optional<ProxySetting> environmentProxy(String variable) {
        String text = environment.apply(variable).trim();
        Optional<ProxySetting> proxy = ProxySetting.parse(text, variable);
        if (proxy.isEmpty() && reported.add(variable)) {
            reader.problem("environment variable " + variable + " = " + ConfigReader.quote(ProxySetting.masked(text))
                    + ": expected " + expectedProxy() + " (or set router.proxy, or router.proxy=none to ignore it)");
        }
        return proxy;
    }

    private Optional<String> firstEnv(String... names) {
        for (String name : names) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private List<X509Certificate> trust(String key, String passwordKey) {
        Optional<String> file = reader.text(key);
        if (file.isEmpty()) {
            return List.of();
        }
        Secret password = reader.secret(passwordKey).map(Secret::new).orElse(new Secret(""));
        try {
            return TrustStoreLoader.load(Path.of(file.get()), password);
        } catch (TrustStoreLoader.TrustStoreException e) {
            reader.problem(key + " = " + ConfigReader.quote(file.get()) + ": " + e.getMessage()
                    + "; expected a PEM bundle of CA certificates or a PKCS#12 file");
            return List.of();
        } catch (java.nio.file.InvalidPathException e) {
            reader.invalid(key, file.get(), "the path of a PEM bundle or PKCS#12 file");
            return List.of();
        }
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    private static String expectedProxy() {
        return "an http proxy URL http://[user:password@]host:port, or none";
    }
}
