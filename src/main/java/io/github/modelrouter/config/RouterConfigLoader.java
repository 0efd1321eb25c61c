package io.github.modelrouter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Turns MicroProfile Config into a validated {@link RouterConfig}: reads every {@code router.*}
 * documented key, applies its defaults, looks the API keys up in the environment, and checks the
 * whole table. All problems are collected and thrown together in one
 * {@link ConfigValidationException}, so an operator fixes a broken deployment in one pass; no
 * message ever contains a key or token.
 *
 * <p>Beyond the original contract it reads {@code router.route.<r>.retries} (default 1, 0 or more: extra attempts
 * on 429/503/529 before the fallback) and {@code router.route.<r>.key-cooldown} (seconds, default
 * 60: how long a rejected key is set aside). Durations accept fractions ({@code 0.5}). A list key
 * ({@code match}, {@code strip-fields}) set to the single word {@code none} is empty, since
 * MicroProfile Config treats an empty value as unset. Unknown {@code router.route.<r>.*} keys of a
 * listed route (typos such as {@code timout}) are logged as warnings, not rejected; so are unknown
 * {@code router.rule.<n>.*} keys. Routing rules ({@code router.rules}) are read by {@code RuleReader},
 * and {@code AdvertiseCheck} makes sure every id {@code /v1/models} lists routes back to its route.
 */
public final class RouterConfigLoader {

    private static final System.Logger LOG = System.getLogger(RouterConfigLoader.class.getName());
    private static final List<String> DEFAULT_ROUTES = List.of("opus", "sonnet", "haiku");
    /** Route names become parts of config keys and env var names, so they keep to a safe alphabet. */
    private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** An origin as browsers send it: scheme, host, optional port, nothing else. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#@\\s]+");

    static final Set<String> ROUTE_KEYS = Set.of("match", "label", "upstream", "target-path", "model-id",
            "api-key", "api-key-env", "auth", "timeout", "connect-timeout", "thinking", "disable-thinking",
            "response-thinking", "strip-fields", "beta-header", "idle-timeout", "count-tokens", "fallback",
            "retries", "key-cooldown", "trust-store", "trust-store-password", "proxy", "http2", "format", "provider",
            "max-tools", "drop-tool-types", "advertise", "keepalive", "learn-rejected-fields");

    /** The keys of one rule, {@code router.rule.<n>.*}. */
    static final Set<String> RULE_KEYS = Set.of("when", "route");

    private static final Set<String> DOTTED_ROUTE_KEYS = ROUTE_KEYS.stream()
            .map(key -> key.replace('-', '.')).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Function<String, String> environment;

    /**
     * @param environment looks an environment variable up, {@code null} when unset; production
     *     passes {@code System::getenv}
     */
    public RouterConfigLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The validated configuration.
     *
     * @throws ConfigValidationException naming every problem found
     */
    public RouterConfig load(Config config) {
        ConfigReader reader = new ConfigReader(config);
        List<String> names = routeNames(reader);
        String defaultRoute = reader.text("router.default-route").orElse("");
        int maxConcurrent = reader.integer("router.max-concurrent", 1).orElse(RouterConfig.DEFAULT_MAX_CONCURRENT);
        long maxBodyBytes = reader.longInteger("router.max-body-bytes", 1).orElse(RouterConfig.DEFAULT_MAX_BODY_BYTES);
        if (maxBodyBytes > RouterConfig.MAX_MAX_BODY_BYTES) {
            reader.invalid("router.max-body-bytes", Long.toString(maxBodyBytes),
                    "at most " + RouterConfig.MAX_MAX_BODY_BYTES + " (1 GiB)");
        }
        boolean requireKeys = reader.bool("router.require-keys").orElse(true);
        List<Secret> authTokens = reader.secret("router.auth.tokens")
                .map(ConfigLists::split).orElse(List.of())
                .stream().distinct().map(Secret::new).toList();

        OpenPortPolicy openPort = new OpenPortPolicy(allowedOrigins(reader),
                reader.list("router.allowed-hosts").orElse(List.of()).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
                reader.seconds("router.body-timeout").orElse(OpenPortPolicy.DEFAULT_BODY_TIMEOUT));

        Map<String, String> fallbacks = new LinkedHashMap<>();
        for (String name : names) {
            reader.text(RouteReader.key(name, "fallback")).ifPresent(fallback -> fallbacks.put(name, fallback));
        }
        RouteReader routeReader = new RouteReader(reader, environment, requireKeys,
                new TransportReader(reader, environment));
        List<RouteConfig> routes = new ArrayList<>();
        for (String name : names) {
            routeReader.read(name, fallbacks.get(name)).ifPresent(routes::add);
        }
        FallbackCheck.check(names, fallbacks, defaultRoute, reader);
        List<RoutingRule> rules = new RuleReader(reader).read(names);
        AdvertiseCheck.check(routes, rules, reader);
        BudgetConfig budgets = new BudgetReader(reader).read(names);

        if (reader.problemCount() > 0) {
            throw new ConfigValidationException(reader.problems());
        }
        unknownKeys(config, names).forEach(key -> LOG.log(System.Logger.Level.WARNING,
                "Ignoring unknown configuration key {0} (known per-route keys: {1})", key, new TreeSet<>(ROUTE_KEYS)));
        unknownRuleKeys(config).forEach(key -> LOG.log(System.Logger.Level.WARNING,
                "Ignoring unknown configuration key {0} (known per-rule keys: when, route)", key));
        return new RouterConfig(routes, defaultRoute, maxConcurrent, maxBodyBytes, requireKeys, authTokens, openPort, budgets,
                rules);
    }

    /** {@code router.allowed-origins}: {@code *} or {@code http(s)://host[:port]} each, lower-cased, no trailing slash. */
    private static List<String> allowedOrigins(ConfigReader reader) {
        List<String> origins = new ArrayList<>();
        for (String entry : reader.list("router.allowed-origins").orElse(List.of())) {
            String origin = entry.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            if (origin.equals("*") || origin.equals("null") || ORIGIN.matcher(origin).matches()) {
                origins.add(origin);
            } else {
                reader.invalid("router.allowed-origins", entry, "* or origins such as https://app.example.com:8443");
            }
        }
        return origins;
    }

    /**
     * The listed names that are valid, each once. An absent key means the three default routes; a
     * present key that lists nothing is a problem (an empty value counts as absent in MicroProfile
     * Config, so this is a value such as {@code ,}).
     */
    private static List<String> routeNames(ConfigReader reader) {
        List<String> listed = reader.list("router.routes").orElse(DEFAULT_ROUTES);
        if (listed.isEmpty()) {
            reader.problem("router.routes lists no route: expected route names in match order, e.g. opus,sonnet,haiku");
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> folded = new HashSet<>();
        for (String name : listed) {
            if (!ROUTE_NAME.matcher(name).matches()) {
                reader.invalid("router.routes", name, "route names of letters, digits, - and _ (not starting with - or _)");
            } else if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                // case variants would share environment variables (ROUTER_ROUTE_OPUS_...) and confuse health
                reader.invalid("router.routes", name, "each route listed once (route names are compared ignoring case)");
            } else {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Whether {@code key} is one we read, also in the dotted spelling MicroProfile Config derives
     * from an environment variable ({@code ROUTER_ROUTE_BACKUP_MODEL_ID} is looked up, and listed
     * among the property names, as {@code router.route.backup.model.id} too).
     */
    private static boolean isRouteKey(String key) {
        return ROUTE_KEYS.contains(key) || DOTTED_ROUTE_KEYS.contains(key);
    }

    /** Dotted {@code router.rule.<n>.<key>} names whose key is neither {@code when} nor {@code route}. */
    static List<String> unknownRuleKeys(Config config) {
        List<String> unknown = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith("router.rule.")) {
                String rest = property.substring("router.rule.".length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || !RULE_KEYS.contains(rest.substring(dot + 1))) {
                    unknown.add(property);
                }
            }
        }
        unknown.sort(null);
        return unknown;
    }

    /**
     * Dotted {@code router.route.<r>.<key>} names of listed routes whose key is not one we read.
     * Environment-variable spellings cannot be mapped back reliably, so only dotted names are checked.
     */
    static List<String> unknownKeys(Config config, Collection<String> routeNames) {
        List<String> unknown = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            if (!property.startsWith("router.route.")) {
                continue;
            }
            String rest = property.substring("router.route.".length());
            int dot = rest.indexOf('.');
            String suffix = dot > 0 ? rest.substring(dot + 1) : "";
            if (dot > 0 && routeNames.contains(rest.substring(0, dot)) && !isRouteKey(suffix)
                    && !BudgetReader.ROUTE_KEYS.contains(suffix)) {
                unknown.add(property);
            }
        }
        unknown.sort(null);
        return unknown;
    }
}
