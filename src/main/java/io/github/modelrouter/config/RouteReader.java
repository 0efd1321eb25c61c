package io.github.modelrouter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates the keys of one route, {@code router.route.<name>.*}, recording each bad
 * value in the shared {@link ConfigReader}. Key lookups through the environment happen here and
 * nowhere else, so no key value can reach a problem message by another path.
 */
final class RouteReader {

    private static final Pattern ADVERTISED_ID = Pattern.compile("[A-Za-z0-9._:@/-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Headers the transport owns; a key sent in one of them would break the request or be dropped. */
    private static final Set<String> RESERVED_AUTH_HEADERS = Set.of("host", "content-length",
            "content-type", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
            "proxy-authorization", "proxy-authenticate", "accept", "accept-encoding");

    private final ConfigReader reader;
    private final Function<String, String> environment;
    private final boolean requireKeys;
    private final TransportReader transports;

    RouteReader(ConfigReader reader, Function<String, String> environment, boolean requireKeys,
                TransportReader transports) {
        this.reader = reader;
        this.environment = environment;
        this.requireKeys = requireKeys;
        this.transports = transports;
    }

    /** The route, or empty when any of its keys is invalid (each problem is recorded). */
    Optional<RouteConfig> read(String name, String fallback) {
        int problemsBefore = reader.problemCount();
        RouteConfig.Builder route = RouteConfig.builder(name).fallback(fallback);
        // the preset goes first so that every key the route sets itself overrides it
        Optional<ProviderPreset> preset = reader.choice(key(name, "provider"), ProviderPreset.class);
        preset.ifPresent(p -> p.applyTo(route));
        reader.text(key(name, "label")).ifPresent(route::label);
        readMatch(name).ifPresent(route::match);
        Optional<URI> upstream = readUpstream(name, preset);
        upstream.ifPresent(route::upstream);
        route.transport(transports.forRoute(name, upstream));
        reader.choice(key(name, "format"), UpstreamFormat.class).ifPresent(route::format);
        readTargetPath(name).ifPresent(route::targetPath);
        reader.text(key(name, "model-id")).ifPresent(route::modelId);
        readAuth(name).ifPresent(route::auth);
        reader.seconds(key(name, "timeout")).ifPresent(route::timeout);
        reader.seconds(key(name, "connect-timeout")).ifPresent(route::connectTimeout);
        reader.seconds(key(name, "idle-timeout")).ifPresent(route::idleTimeout);
        reader.choice(key(name, "thinking"), ThinkingPolicy.class).ifPresent(route::thinking);
        reader.bool(key(name, "disable-thinking")).ifPresent(route::disableThinking);
        reader.choice(key(name, "response-thinking"), ResponseThinking.class).ifPresent(route::responseThinking);
        readStripFields(name).ifPresent(route::stripFields);
        readBetaHeader(name).ifPresent(route::betaHeader);
        reader.choice(key(name, "count-tokens"), CountTokensMode.class).ifPresent(route::countTokens);
        reader.integer(key(name, "retries"), 0).ifPresent(route::retries);
        reader.seconds(key(name, "key-cooldown")).ifPresent(route::keyCooldown);
        readTools(name, route);
        readAdvertise(name).ifPresent(route::advertise);
        reader.secondsOrZero(key(name, "keepalive")).ifPresent(route::keepalive);
        reader.bool(key(name, "learn-rejected-fields")).ifPresent(route::learnRejectedFields);
        readKeys(name, route);
        return reader.problemCount() == problemsBefore ? Optional.of(route.build()) : Optional.empty();
    }

    static String key(String route, String suffix) {
        return "router.route." + route + "." + suffix;
    }

    private Optional<List<String>> readMatch(String name) {
        String key = key(name, "match");
        Optional<List<String>> entries = noneMeansEmpty(reader.list(key));
        entries.ifPresent(list -> list.stream().filter(e -> e.startsWith("re:")).forEach(e -> checkRegex(key, e)));
        return entries;
    }

    private void checkRegex(String key, String entry) {
        String regex = entry.substring("re:".length());
        if (regex.isBlank()) {
            reader.invalid(key, entry, "a regular expression after re: (use router.default-route to catch every model)");
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            reader.invalid(key, entry, "a valid regular expression after re: (" + e.getDescription()
                    + " near index " + e.getIndex() + "; write a literal comma as \\,)");
        }
    }

    private Optional<URI> readUpstream(String name, Optional<ProviderPreset> preset) {
        String key = key(name, "upstream");
        Optional<String> text = reader.text(key);
        if (text.isEmpty() && preset.isPresent()) {
            return Optional.of(preset.get().upstream());
        }
        if (text.isEmpty()) {
            reader.problem(key + " is required: route " + name + " is listed in router.routes but has no"
                    + " upstream (expected an http or https base URL, e.g. https://api.example.com/anthropic)");
            return Optional.empty();
        }
        String expected = "an http or https base URL with a host and no query or fragment,"
                + " e.g. https://api.example.com/anthropic";
        URI uri;
        try {
            uri = new URI(text.get());
        } catch (URISyntaxException e) {
            reader.invalid(key, text.get(), expected);
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null) {
            // the user info may be a credential: name the key, never show the value
            reader.problem(key + " must not carry user info (credentials) in the URL; put the key in "
                    + key(name, "api-key") + " or the environment variable of " + key(name, "api-key-env"));
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            reader.invalid(key, text.get(), expected);
            return Optional.empty();
        }
        String base = text.get();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return Optional.of(URI.create(base));
    }

    /** A missing leading slash is added and trailing slashes are trimmed, since count_tokens is appended to it. */
    private Optional<String> readTargetPath(String name) {
        return reader.parsed(key(name, "target-path"), text -> {
            String path = text.startsWith("/") ? text : "/" + text;
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return isPlainPath(path) ? path : null;
        }, "a URL path such as /v1/messages, without query, fragment or spaces");
    }

    /**
     * Whether {@code path} is a URI path exactly as written: legal characters (percent-escapes
     * allowed), no query or fragment, and not {@code //host...}, which a URI would read as an authority.
     */
    private static boolean isPlainPath(String path) {
        try {
            URI uri = new URI(path);
            return uri.getRawQuery() == null && uri.getRawFragment() == null && path.equals(uri.getRawPath());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Optional<AuthScheme> readAuth(String name) {
        String key = key(name, "auth");
        return reader.parsed(key, text -> {
            AuthScheme scheme = AuthScheme.parse(text);
            return scheme == null || RESERVED_AUTH_HEADERS.contains(scheme.headerName()) ? null : scheme;
        }, "x-api-key, bearer or header:<Header-Name> (a header the transport does not own)");
    }

    private Optional<Set<String>> readStripFields(String name) {
        return noneMeansEmpty(reader.list(key(name, "strip-fields"))).map(Set::copyOf);
    }

    private Optional<BetaHeaderPolicy> readBetaHeader(String name) {
        return reader.parsed(key(name, "beta-header"), text -> {
            BetaHeaderPolicy policy = BetaHeaderPolicy.parse(text);
            boolean emptyAllowList = policy != null && policy.mode() == BetaHeaderPolicy.Mode.ALLOW
                    && policy.allowed().isEmpty();
            return emptyAllowList ? null : policy;
        }, "forward, drop or allow:<beta>,<beta> naming at least one beta");
    }

    /** {@code max-tools} and {@code drop-tool-types}, each over the preset's value when the route has one. */
    private void readTools(String name, RouteConfig.Builder route) {
        ToolPolicy base = route.tools();
        int maxTools = reader.integer(key(name, "max-tools"), 0).orElse(base.maxTools());
        Set<String> dropTypes = noneMeansEmpty(reader.list(key(name, "drop-tool-types")))
                .<Set<String>>map(Set::copyOf).orElse(base.dropTypes());
        route.tools(new ToolPolicy(maxTools, dropTypes));
    }

    /**
     * {@code advertise}: model ids for {@code /v1/models}, each containing {@code claude} (Claude
     * Code's gateway discovery keeps only those) and usable as a request's model; {@code none}
     * lists the route under no id.
     */
    private Optional<List<String>> readAdvertise(String name) {
        String key = key(name, "advertise");
        Optional<List<String>> ids = noneMeansEmpty(reader.list(key));
        ids.ifPresent(list -> list.forEach(id -> {
            if (!id.toLowerCase(Locale.ROOT).contains("claude") || id.length() > 128 || !ADVERTISED_ID.matcher(id).matches()) {
                reader.invalid(key, id, "model ids containing claude, at most 128 characters of letters, digits and . _ - : @ /"
                        + " (Claude Code's model discovery keeps only ids with claude in them), or none");
            }
        }));
        return ids;
    }

    /**
     * Keys come from {@code api-key} first, then each variable of {@code api-key-env} in order;
     * blank values are skipped and a key configured twice is used once.
     */
    private void readKeys(String name, RouteConfig.Builder route) {
        String envKey = key(name, "api-key-env");
        List<String> envNames = reader.list(envKey).orElse(List.of(RouteConfig.defaultApiKeyEnv(name)));
        List<String> validNames = new ArrayList<>();
        for (String envName : envNames) {
            if (ENV_NAME.matcher(envName).matches()) {
                validNames.add(envName);
            } else {
                // never echo it: a common slip is pasting the key itself here
                reader.problem(envKey + " must list environment variable names (letters, digits and _,"
                        + " not starting with a digit); one entry is not such a name (not shown, in case it is a key)");
            }
        }
        Set<Secret> keys = new LinkedHashSet<>();
        reader.secret(key(name, "api-key")).map(Secret::new).ifPresent(keys::add);
        for (String envName : validNames) {
            String value = environment.apply(envName);
            if (value != null && !value.isBlank()) {
                keys.add(new Secret(value.trim()));
            }
        }
        route.apiKeys(List.copyOf(keys)).apiKeyEnv(validNames);
        if (requireKeys && keys.isEmpty()) {
            reader.problem("route " + name + " has no API key: set " + howToSetKey(name, validNames)
                    + " (or set router.require-keys=false to start without it)");
        }
    }

    private static String howToSetKey(String name, List<String> envNames) {
        String direct = key(name, "api-key");
        if (envNames.isEmpty()) {
            return direct + " or " + key(name, "api-key-env");
        }
        if (envNames.size() == 1) {
            return envNames.get(0) + " or " + direct;
        }
        return "one of " + String.join(", ", envNames) + " or " + direct;
    }

    /** A list written as the single word {@code none} is empty: MicroProfile Config cannot hold an empty value. */
    private static Optional<List<String>> noneMeansEmpty(Optional<List<String>> list) {
        return list.map(entries -> entries.size() == 1 && entries.get(0).equalsIgnoreCase("none") ? List.of() : entries);
    }
}
