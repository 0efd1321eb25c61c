package io.github.modelrouter.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys of SPEC.md's "Costs, budgets and replicas" into a {@link BudgetConfig}, recording
 * every bad value in the shared {@link ConfigReader} so it is reported with all other problems:
 *
 * <ul>
 *   <li>{@code router.route.<r>.price.input|output|cache-read|cache-write}: USD per million tokens, 0 or more;
 *   <li>{@code router.clients}, and per client {@code router.client.<c>.token} (required, unique),
 *       {@code .requests-per-minute}, {@code .tokens-per-day} (whole numbers, 1 or more) and
 *       {@code .usd-per-day} (a positive decimal);
 *   <li>{@code router.state}: {@code memory} or {@code redis://host:port[/db]};
 *       {@code router.state.timeout}: seconds a request may wait for Redis (default 0.01).
 * </ul>
 */
final class BudgetReader {

    /** The per-route keys this reader owns, for the loader's unknown-key warning. */
    static final Set<String> ROUTE_KEYS = Set.of("price.input", "price.output", "price.cache-read", "price.cache-write");
    /** Default of {@code router.state.timeout}: "a few milliseconds", never a request parked on Redis. */
    static final Duration DEFAULT_STATE_TIMEOUT = Duration.ofMillis(10);

    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final ConfigReader reader;

    BudgetReader(ConfigReader reader) {
        this.reader = reader;
    }

    BudgetConfig read(List<String> routeNames) {
        Map<String, Prices> prices = new LinkedHashMap<>();
        for (String route : routeNames) {
            readPrices(route).ifPresent(p -> prices.put(route, p));
        }
        return new BudgetConfig(prices, readClients(), readState(), readStateTimeout());
    }

    private Optional<Prices> readPrices(String route) {
        Optional<BigDecimal> input = price(route, "input");
        Optional<BigDecimal> output = price(route, "output");
        Optional<BigDecimal> cacheRead = price(route, "cache-read");
        Optional<BigDecimal> cacheWrite = price(route, "cache-write");
        if (input.isEmpty() && output.isEmpty() && cacheRead.isEmpty() && cacheWrite.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Prices(input.orElse(BigDecimal.ZERO), output.orElse(BigDecimal.ZERO),
                cacheRead.orElse(BigDecimal.ZERO), cacheWrite.orElse(BigDecimal.ZERO)));
    }

    private Optional<BigDecimal> price(String route, String kind) {
        return reader.parsed(RouteReader.key(route, "price." + kind), text -> decimal(text, true),
                "USD per million tokens: a decimal number of 0 or more, such as 0.28");
    }

    private List<ClientConfig> readClients() {
        List<String> names = reader.list("router.clients").orElse(List.of());
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> tokenOwners = new HashMap<>();
        List<ClientConfig> clients = new ArrayList<>();
        for (String name : names) {
            if (!CLIENT_NAME.matcher(name).matches()) {
                reader.invalid("router.clients", name, "client names of letters, digits, - and _ (not starting with - or _)");
                continue;
            }
            if (!seen.add(name)) {
                reader.invalid("router.clients", name, "each client listed once");
                continue;
            }
            readClient(name, tokenOwners).ifPresent(clients::add);
        }
        return clients;
    }

    private Optional<ClientConfig> readClient(String name, Map<String, String> tokenOwners) {
        int problemsBefore = reader.problemCount();
        String tokenKey = clientKey(name, "token");
        Optional<String> token = reader.secret(tokenKey);
        if (token.isEmpty()) {
            reader.problem(tokenKey + " is not set: every client in router.clients needs its own inbound token");
        } else {
            String owner = tokenOwners.putIfAbsent(token.get(), name);
            if (owner != null) {
                reader.problem(tokenKey + " is the same token as router.client." + owner
                        + ".token: each client needs a token of its own (the value is not shown)");
            }
        }
        Optional<Long> rpm = reader.longInteger(clientKey(name, "requests-per-minute"), 1);
        Optional<Long> tokens = reader.longInteger(clientKey(name, "tokens-per-day"), 1);
        Optional<BigDecimal> usd = reader.parsed(clientKey(name, "usd-per-day"), text -> {
            BigDecimal value = decimal(text, false);
            return value == null || value.signum() <= 0 ? null : value;
        }, "a positive number of USD, such as 25 or 2.50");
        if (reader.problemCount() != problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ClientConfig(name, new Secret(token.get()), optionalLong(rpm), optionalLong(tokens), usd));
    }

    private StateTarget readState() {
        Optional<String> text = reader.text("router.state");
        if (text.isEmpty() || text.get().equalsIgnoreCase("memory")) {
            return StateTarget.MEMORY;
        }
        StateTarget target = redisTarget(text.get());
        if (target == null) {
            reader.invalid("router.state", text.get(), "memory, or redis://host:port[/db] (no user or password)");
            return StateTarget.MEMORY;
        }
        return target;
    }

    private Duration readStateTimeout() {
        return reader.seconds("router.state.timeout").orElse(DEFAULT_STATE_TIMEOUT);
    }

    /** {@code redis://host:port[/db]}, or null. Credentials are refused: they would end up in /health. */
    static StateTarget redisTarget(String text) {
        try {
            URI uri = new URI(text);
            if (!"redis".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                return null;
            }
            int port = uri.getPort() < 0 ? 6379 : uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            int database = 0;
            if (!path.isEmpty() && !path.equals("/")) {
                String db = path.substring(1);
                if (!db.matches("\\d{1,2}")) {
                    return null;
                }
                database = Integer.parseInt(db);
            }
            return new StateTarget(uri.getHost(), port, database);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String clientKey(String client, String suffix) {
        return "router.client." + client + "." + suffix;
    }

    private static BigDecimal decimal(String text, boolean zeroAllowed) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0 || (!zeroAllowed && value.signum() == 0) || value.scale() > 12
                    || value.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OptionalLong optionalLong(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
