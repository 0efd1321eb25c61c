package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One route's {@code match} entries, compiled once: keywords lower-cased for case-insensitive
 * substring tests, {@code re:} entries as patterns. Immutable, so shared by every request thread.
 */
final class RouteMatcher {

    private final List<String> keywords;
    private final List<Pattern> patterns;
    private final Optional<RouteConfig> result;

    private RouteMatcher(List<String> keywords, List<Pattern> patterns, RouteConfig route) {
        this.keywords = List.copyOf(keywords);
        this.patterns = List.copyOf(patterns);
        this.result = Optional.of(route);
    }

    /** @throws IllegalArgumentException when a {@code re:} entry is not a valid regular expression */
    static RouteMatcher compile(RouteConfig route) {
        List<String> keywords = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : route.match()) {
            if (entry.startsWith("re:")) {
                // compiled as written: case-sensitive unless the regex itself says (?i)
                patterns.add(Pattern.compile(entry.substring("re:".length())));
            } else if (!entry.isEmpty()) {
                keywords.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        return new RouteMatcher(keywords, patterns, route);
    }

    /**
     * Whether the model hits any entry.
     *
     * @param model the model as the client wrote it, for patterns
     * @param lowerModel the same lower-cased with {@link Locale#ROOT}, for keywords
     */
    boolean matches(String model, String lowerModel) {
        for (String keyword : keywords) {
            if (lowerModel.contains(keyword)) {
                return true;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(model).find()) {
                return true;
            }
        }
        return false;
    }

    /** The route, already wrapped, so a hit on the hot path allocates nothing. */
    Optional<RouteConfig> result() {
        return result;
    }
}
