package io.github.modelrouter.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the references between routes: {@code router.default-route} and each
 * {@code router.route.<r>.fallback} must name a listed route, a route may not fall back to itself,
 * and fallbacks may not form a cycle (a→b→a would retry forever, or until every route was tried,
 * depending on the caller; neither is what the operator meant).
 */
final class FallbackCheck {

    private FallbackCheck() {
    }

    /**
     * @param names the listed route names, in order
     * @param fallbacks route name to the fallback it names, for routes that set one
     * @param defaultRoute the default route, empty for none
     */
    static void check(List<String> names, Map<String, String> fallbacks, String defaultRoute, ConfigReader reader) {
        String known = " (routes: " + String.join(", ", names) + ")";
        if (!defaultRoute.isEmpty() && !names.contains(defaultRoute)) {
            reader.invalid("router.default-route", defaultRoute, "a route listed in router.routes" + known);
        }
        for (String name : names) {
            String fallback = fallbacks.get(name);
            if (fallback == null) {
                continue;
            }
            String key = RouteReader.key(name, "fallback");
            if (fallback.equals(name)) {
                reader.invalid(key, fallback, "another route than " + name + " itself" + known);
            } else if (!names.contains(fallback)) {
                reader.invalid(key, fallback, "a route listed in router.routes" + known);
            }
        }
        reportCycles(names, fallbacks, reader);
    }

    /** Each route has at most one fallback, so following them from every route finds every cycle. */
    private static void reportCycles(List<String> names, Map<String, String> fallbacks, ConfigReader reader) {
        Set<String> reported = new HashSet<>();
        for (String start : names) {
            List<String> path = new ArrayList<>();
            String current = start;
            while (current != null && names.contains(current) && !path.contains(current)) {
                path.add(current);
                String next = fallbacks.get(current);
                current = next == null || next.equals(current) ? null : next; // self-reference is reported above
            }
            if (current == null || !path.contains(current)) {
                continue;
            }
            List<String> cycle = path.subList(path.indexOf(current), path.size());
            if (cycle.stream().noneMatch(reported::contains)) {
                reported.addAll(cycle);
                reader.problem("fallback cycle " + String.join(" → ", cycle) + " → " + current
                        + ": the fallback chain must end at a route without router.route.<r>.fallback");
            }
        }
    }
}
