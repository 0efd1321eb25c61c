package io.github.modelrouter.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up check that each id {@code GET /v1/models} lists routes back to the route that lists it:
 * no two routes advertise the same id (ids are matched ignoring case), and no rule that looks at
 * the model alone sends an advertised id to another route. (Rules with other conditions may move
 * such a request on purpose, e.g. images to a vision route; the model match itself cannot
 * disagree, since an exact advertised id is matched before the keywords.)
 */
final class AdvertiseCheck {

    private AdvertiseCheck() {
    }

    static void check(List<RouteConfig> routes, List<RoutingRule> rules, ConfigReader reader) {
        Map<String, String> owner = new HashMap<>();
        for (RouteConfig route : routes) {
            for (String id : route.advertise()) {
                String previous = owner.putIfAbsent(id.toLowerCase(Locale.ROOT), route.name());
                if (previous != null && !previous.equals(route.name())) {
                    reader.problem(RouteReader.key(route.name(), "advertise") + " lists " + ConfigReader.quote(id)
                            + ", which route " + previous + " advertises too: each advertised model id names one route");
                }
            }
        }
        for (RouteConfig route : routes) {
            for (String id : route.advertise()) {
                divertingRule(id, route, rules).ifPresent(rule -> reader.problem(RuleReader.key(rule.name(), "when")
                        + " sends model " + ConfigReader.quote(id) + ", which " + RouteReader.key(route.name(), "advertise")
                        + " lists, to route " + rule.route() + ": advertised ids must route back to their route"
                        + " (change the rule or the route's advertise)"));
            }
        }
    }

    /** The first rule on the model alone that holds for {@code id}, when it picks another route. */
    private static java.util.Optional<RoutingRule> divertingRule(String id, RouteConfig route, List<RoutingRule> rules) {
        for (RoutingRule rule : rules) {
            if (rule.onModelOnly() && rule.when().stream().allMatch(c -> ((RuleCondition.Model) c).matcher().matches(id))) {
                return rule.route().equals(route.name()) ? java.util.Optional.empty() : java.util.Optional.of(rule);
            }
        }
        return java.util.Optional.empty();
    }
}
