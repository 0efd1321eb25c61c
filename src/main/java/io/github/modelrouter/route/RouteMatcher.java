package io.github.modelrouter.route;

import io.github.modelrouter.config.ModelMatcher;
import io.github.modelrouter.config.RouteConfig;
import java.util.Optional;

/**
 * One route's {@code match} entries, compiled once ({@link ModelMatcher}), with the route already
 * wrapped for the hot path. Immutable, so shared by every request thread.
 */
final class RouteMatcher {

    private final ModelMatcher matcher;
    private final Optional<RouteConfig> result;

    private RouteMatcher(ModelMatcher matcher, RouteConfig route) {
        this.matcher = matcher;
        this.result = Optional.of(route);
    }

    /** @throws IllegalArgumentException when a {@code re:} entry is not a valid regular expression */
    static RouteMatcher compile(RouteConfig route) {
        return new RouteMatcher(ModelMatcher.of(route.match()), route);
    }

    /**
     * Whether the model hits any entry.
     *
     * @param model the model as the client wrote it, for patterns
     * @param lowerModel the same lower-cased with {@link java.util.Locale#ROOT}, for keywords
     */
    boolean matches(String model, String lowerModel) {
        return matcher.matches(model, lowerModel);
    }

    /** The route, already wrapped, so a hit on the hot path allocates nothing. */
    Optional<RouteConfig> result() {
        return result;
    }
}
