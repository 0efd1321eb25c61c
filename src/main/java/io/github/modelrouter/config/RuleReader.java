package io.github.modelrouter.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates the routing rules: {@code router.rules} (names, in order) and, per rule,
 * {@code router.rule.<n>.when} and {@code router.rule.<n>.route}. Every malformed condition and
 * every unknown route is recorded in the shared {@link ConfigReader}, so the operator sees all of
 * them in one start-up failure.
 *
 * <p>Conditions are separated by {@code ;}; a regex that needs a literal semicolon writes
 * {@code \;} (which Java regexes read as {@code ;}).
 */
final class RuleReader {

    /** Rule names become parts of config keys, so they keep to the route names' alphabet. */
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TOKENS = Pattern.compile("tokens\\s*>\\s*(\\S*)");
    static final String FORMS = "conditions separated by ; each one of model:<keyword or re:regex>,"
            + " header:<Name>=<regex>, tokens>N, has:image, has:thinking, has:tool=<name or type>";

    private final ConfigReader reader;

    RuleReader(ConfigReader reader) {
        this.reader = reader;
    }

    static String key(String rule, String suffix) {
        return "router.rule." + rule + "." + suffix;
    }

    /** The valid rules, in order; each problem is recorded. */
    List<RoutingRule> read(List<String> routeNames) {
        List<RoutingRule> rules = new ArrayList<>();
        for (String name : ruleNames()) {
            int before = reader.problemCount();
            List<RuleCondition> when = conditions(name);
            String route = route(name, routeNames);
            if (reader.problemCount() == before) {
                rules.add(new RoutingRule(name, when, route));
            }
        }
        return List.copyOf(rules);
    }

    private List<String> ruleNames() {
        Set<String> names = new LinkedHashSet<>();
        Set<String> folded = new LinkedHashSet<>();
        for (String name : reader.list("router.rules").orElse(List.of())) {
            if (!RULE_NAME.matcher(name).matches()) {
                reader.invalid("router.rules", name, "rule names of letters, digits, - and _ (not starting with - or _)");
            } else if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                reader.invalid("router.rules", name, "each rule listed once (rule names are compared ignoring case)");
            } else {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private String route(String name, List<String> routeNames) {
        String key = key(name, "route");
        Optional<String> route = reader.text(key);
        if (route.isEmpty()) {
            reader.problem(key + " is required: rule " + name + " is listed in router.rules but names no route"
                    + " (expected one of the routes in router.routes: " + String.join(", ", routeNames) + ")");
            return "";
        }
        if (!routeNames.contains(route.get())) {
            reader.invalid(key, route.get(), "one of the routes in router.routes (" + String.join(", ", routeNames) + ")");
        }
        return route.get();
    }

    private List<RuleCondition> conditions(String name) {
        String key = key(name, "when");
        Optional<String> when = reader.text(key);
        if (when.isEmpty()) {
            reader.problem(key + " is required: rule " + name + " is listed in router.rules but has no conditions"
                    + " (expected " + FORMS + ")");
            return List.of();
        }
        int before = reader.problemCount();
        List<RuleCondition> conditions = new ArrayList<>();
        for (String part : split(when.get())) {
            RuleCondition condition = condition(key, part);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        if (conditions.isEmpty() && reader.problemCount() == before) {
            reader.invalid(key, when.get(), FORMS);
        }
        return conditions;
    }

    /** The {@code ;}-separated parts, trimmed, empty ones left out; {@code \;} does not separate. */
    static List<String> split(String when) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < when.length(); i++) {
            if (when.charAt(i) == ';' && (i == 0 || when.charAt(i - 1) != '\\')) {
                parts.add(when.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(when.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** One condition, or null when it is malformed (the problem is recorded). */
    private RuleCondition condition(String key, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("model:")) {
            return model(key, text, text.substring("model:".length()).trim());
        }
        if (lower.startsWith("header:")) {
            return header(key, text, text.substring("header:".length()));
        }
        if (lower.startsWith("tokens")) {
            return tokens(key, text);
        }
        if (lower.equals("has:image")) {
            return new RuleCondition.HasImage(text);
        }
        if (lower.equals("has:thinking")) {
            return new RuleCondition.HasThinking(text);
        }
        if (lower.startsWith("has:tool=")) {
            String tool = text.substring("has:tool=".length()).trim();
            if (tool.isEmpty()) {
                reader.invalid(key, text, "a tool name or type after has:tool=, e.g. has:tool=web_search");
                return null;
            }
            return new RuleCondition.HasTool(text, tool);
        }
        reader.invalid(key, text, FORMS);
        return null;
    }

    private RuleCondition model(String key, String text, String entry) {
        if (entry.isEmpty() || entry.equals("re:")) {
            reader.invalid(key, text, "a keyword or re:<regex> after model:, e.g. model:haiku");
            return null;
        }
        if (entry.startsWith("re:") && regex(key, text, entry.substring("re:".length())) == null) {
            return null;
        }
        return new RuleCondition.Model(text, ModelMatcher.of(List.of(entry)));
    }

    private RuleCondition header(String key, String text, String spec) {
        int equals = spec.indexOf('=');
        String headerName = equals < 0 ? spec.trim() : spec.substring(0, equals).trim();
        if (equals < 0 || !HEADER_NAME.matcher(headerName).matches()) {
            reader.invalid(key, text, "header:<Name>=<regex> with a header name such as x-claude-code-session-id");
            return null;
        }
        String regex = spec.substring(equals + 1);
        if (regex.isEmpty()) {
            reader.invalid(key, text, "a regular expression after = (write ^ to test only that the header is present)");
            return null;
        }
        Pattern pattern = regex(key, text, regex);
        return pattern == null ? null : new RuleCondition.Header(text, headerName, pattern);
    }

    private RuleCondition tokens(String key, String text) {
        var matcher = TOKENS.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            try {
                long threshold = Long.parseLong(matcher.group(1));
                if (threshold >= 0) {
                    return new RuleCondition.TokensAbove(text, threshold);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        reader.invalid(key, text, "tokens>N with N a whole number of 0 or more, e.g. tokens>100000");
        return null;
    }

    private Pattern regex(String key, String text, String regex) {
        if (regex.isBlank()) {
            reader.invalid(key, text, "a regular expression after re:");
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            reader.invalid(key, text, "a valid regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
            return null;
        }
    }
}
