package io.github.modelrouter.route;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RoutingRule;
import io.github.modelrouter.config.RuleCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing rules of a deployment, in order, each with its decision prepared: the first rule
 * whose every condition holds picks its route. Conditions are tested in the order written, so a
 * cheap one written first (a header, the model) spares the costly ones (the token estimate, the
 * image scan), which the facts compute only when asked. Immutable; shared by every request thread.
 */
final class RuleBook {

    private record Compiled(RoutingRule rule, RouteChoice choice) {
    }

    private final List<Compiled> rules;

    /**
     * @param routes the routes by name
     * @throws IllegalArgumentException for a rule naming an unknown route (the config loader rejects it first)
     */
    RuleBook(List<RoutingRule> rules, Map<String, RouteConfig> routes) {
        List<Compiled> compiled = new ArrayList<>();
        for (RoutingRule rule : rules) {
            RouteConfig route = routes.get(rule.route());
            if (route == null) {
                throw new IllegalArgumentException("rule " + rule.name() + " names unknown route " + rule.route());
            }
            compiled.add(new Compiled(rule, new RouteChoice(route, rule.name())));
        }
        this.rules = List.copyOf(compiled);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The choice of the first rule that holds, or null when none does. */
    RouteChoice choose(RequestFacts facts, String lowerModel) {
        for (Compiled compiled : rules) {
            if (holds(compiled.rule(), facts, lowerModel)) {
                return compiled.choice();
            }
        }
        return null;
    }

    private static boolean holds(RoutingRule rule, RequestFacts facts, String lowerModel) {
        for (RuleCondition condition : rule.when()) {
            if (!holds(condition, facts, lowerModel)) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(RuleCondition condition, RequestFacts facts, String lowerModel) {
        if (condition instanceof RuleCondition.Model model) {
            return model.matcher().matches(facts.model(), lowerModel);
        }
        if (condition instanceof RuleCondition.Header header) {
            for (String value : facts.header(header.lowerCaseName())) {
                if (header.pattern().matcher(value).find()) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof RuleCondition.TokensAbove tokens) {
            return facts.estimatedInputTokens() > tokens.threshold();
        }
        if (condition instanceof RuleCondition.HasImage) {
            return facts.hasImage();
        }
        if (condition instanceof RuleCondition.HasThinking) {
            return facts.thinkingEnabled();
        }
        if (condition instanceof RuleCondition.HasTool tool) {
            return facts.hasTool(tool.nameOrType());
        }
        throw new IllegalStateException("unknown condition " + condition);
    }
}
