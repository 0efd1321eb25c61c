package io.github.modelrouter.config;

import java.util.List;
import java.util.Objects;

/**
 * One routing rule ({@code router.rule.<name>.*}): when every condition holds, the request takes
 * {@code route}, before the model match. Rules are tried in {@code router.rules} order and the
 * first that holds decides.
 *
 * @param name the rule name from {@code router.rules}; the access log says {@code rule=<name>}
 * @param when the conditions, all of which must hold; never empty
 * @param route the name of a configured route
 */
public record RoutingRule(String name, List<RuleCondition> when, String route) {

    public RoutingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(route, "route");
        when = List.copyOf(when);
        if (when.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " has no condition");
        }
    }

    /** Whether every condition is on the model alone, so the rule holds for a model id whatever else is sent. */
    public boolean onModelOnly() {
        return when.stream().allMatch(c -> c instanceof RuleCondition.Model);
    }
}
