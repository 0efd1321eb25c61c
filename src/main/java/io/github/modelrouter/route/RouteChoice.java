package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import java.util.Objects;

/**
 * The route a request starts on and what decided it.
 *
 * @param route the route
 * @param rule the name of the routing rule that picked it; null when the model match (or the
 *     default route) did
 */
public record RouteChoice(RouteConfig route, String rule) {

    public RouteChoice {
        Objects.requireNonNull(route, "route");
    }

    /** The same decision moved to another route (a failing route hands its traffic to its fallback). */
    RouteChoice on(RouteConfig other) {
        return other == route ? this : new RouteChoice(other, rule);
    }
}
