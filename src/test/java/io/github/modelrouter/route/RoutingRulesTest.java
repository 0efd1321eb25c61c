package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.modelrouter.config.ModelMatcher;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.RoutingRule;
import io.github.modelrouter.config.RuleCondition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rule evaluation: order, all conditions, each kind, the model match after them, and what is never computed. */
class RoutingRulesTest {

    /** A request's facts, counting how often the costly ones are asked for. */
    static final class Facts implements RequestFacts {
        final String model;
        Map<String, List<String>> headers = Map.of();
        long tokens;
        boolean image;
        boolean thinking;
        Set<String> tools = Set.of();
        int walks;

        Facts(String model) {
            this.model = model;
        }

        @Override public String model() { return model; }
        @Override public List<String> header(String lowerCaseName) { return headers.getOrDefault(lowerCaseName, List.of()); }
        @Override public long estimatedInputTokens() { walks++; return tokens; }
        @Override public boolean hasImage() { walks++; return image; }
        @Override public boolean thinkingEnabled() { return thinking; }
        @Override public boolean hasTool(String nameOrType) { return tools.contains(nameOrType); }
    }

    private static RouteConfig route(String name) {
        return RouteConfig.builder(name).upstream(URI.create("https://" + name + ".example")).build();
    }

    private static RoutingRule rule(String name, String route, RuleCondition... when) {
        return new RoutingRule(name, List.of(when), route);
    }

    private static RouteTable table(RoutingRule... rules) {
        RouterConfig base = RouterConfig.of(List.of(route("opus"), route("haiku"), route("big"), route("vision")));
        return new RouteTable(new RouterConfig(base.routes(), "", base.maxConcurrent(), base.maxBodyBytes(), true,
                List.of(), null, null, List.of(rules)));
    }

    private static final RuleCondition HAIKU = new RuleCondition.Model("model:haiku", ModelMatcher.of(List.of("haiku")));
    private static final RuleCondition SUBAGENT = new RuleCondition.Header("header:X-Agent=^sub", "X-Agent",
            Pattern.compile("^sub"));
    private static final RuleCondition LONG = new RuleCondition.TokensAbove("tokens>1000", 1000);
    private static final RuleCondition IMAGE = new RuleCondition.HasImage("has:image");

    @Test
    void withoutRulesTheModelDecidesAndNoFactIsComputed() {
        Facts facts = new Facts("claude-opus-4");
        RouteChoice choice = table().choose(facts);
        assertEquals("opus", choice.route().name());
        assertNull(choice.rule());
        assertEquals(0, facts.walks);
    }

    @Test
    void theFirstRuleWhoseEveryConditionHoldsDecides() {
        RouteTable table = table(rule("sub", "haiku", SUBAGENT, HAIKU), rule("long", "big", LONG), rule("img", "vision", IMAGE));
        Facts facts = new Facts("claude-haiku-4-5");
        facts.headers = Map.of("x-agent", List.of("subagent"));
        facts.tokens = 5000;
        RouteChoice choice = table.choose(facts);
        assertEquals("haiku", choice.route().name());
        assertEquals("sub", choice.rule());
        assertEquals(0, facts.walks, "a rule that held first spares the estimate");

        Facts opus = new Facts("claude-opus-4");
        opus.headers = Map.of("x-agent", List.of("subagent"));
        opus.tokens = 5000;
        assertEquals("long", table.choose(opus).rule(), "one condition failing skips the rule");

        Facts picture = new Facts("claude-opus-4");
        picture.image = true;
        assertEquals("vision", table.choose(picture).route().name());
    }

    @Test
    void whenNoRuleHoldsTheModelMatchDecides() {
        RouteTable table = table(rule("long", "big", LONG));
        Facts facts = new Facts("claude-haiku-4-5");
        facts.tokens = 1000;
        RouteChoice choice = table.choose(facts);
        assertEquals("haiku", choice.route().name(), "tokens>1000 wants more than 1000");
        assertNull(choice.rule());
        assertNull(table.choose(new Facts("gpt-4o")), "no rule, no match, no default");
    }

    @Test
    void conditionsAreTriedInTheOrderWrittenSoACheapOneSparesACostlyOne() {
        RouteTable table = table(rule("sub-long", "big", SUBAGENT, LONG));
        Facts facts = new Facts("claude-opus-4");
        table.choose(facts);
        assertEquals(0, facts.walks);
    }

    @Test
    void headerThinkingAndToolConditions() {
        RuleCondition thinking = new RuleCondition.HasThinking("has:thinking");
        RuleCondition search = new RuleCondition.HasTool("has:tool=web_search", "web_search");
        RouteTable table = table(rule("think", "big", thinking), rule("search", "vision", search));
        Facts plain = new Facts("claude-opus-4");
        assertEquals("opus", table.choose(plain).route().name());
        Facts thinks = new Facts("claude-opus-4");
        thinks.thinking = true;
        assertEquals("think", table.choose(thinks).rule());
        Facts searches = new Facts("claude-opus-4");
        searches.tools = Set.of("web_search");
        assertEquals("search", table.choose(searches).rule());
        Facts wrongHeader = new Facts("claude-opus-4");
        wrongHeader.headers = Map.of("x-agent", List.of("main", "bg-sub"));
        assertEquals("opus", table(rule("sub", "haiku", SUBAGENT)).choose(wrongHeader).route().name(),
                "the regex is found in no value");
        wrongHeader.headers = Map.of("x-agent", List.of("main", "sub-2"));
        assertEquals("haiku", table(rule("sub", "haiku", SUBAGENT)).choose(wrongHeader).route().name(), "any value may match");
    }

    @Test
    void advertisedIdsRouteBackExactlyBeforeKeywords() {
        RouteConfig cheap = RouteConfig.builder("cheap").upstream(URI.create("https://c.example")).match(List.of("a"))
                .advertise(List.of("claude-cheap")).build();
        RouteConfig haiku = RouteConfig.builder("haiku").upstream(URI.create("https://h.example")).build();
        RouteTable table = new RouteTable(RouterConfig.of(List.of(haiku, cheap)));
        assertSame(cheap, table.resolve("Claude-Cheap").orElseThrow(), "exact, ignoring case");
        assertEquals("haiku", table.resolve("claude-haiku-but-a").orElseThrow().name(), "keywords still apply in route order");
        assertEquals("cheap", table.resolve("a-model").orElseThrow().name());
        assertEquals("haiku", table.resolve("claude-haiku").orElseThrow().name());
    }

    @Test
    void aFailingRoutePassesARulesChoiceToItsFallbackAndKeepsTheRuleName() {
        RouteConfig big = RouteConfig.builder("big").upstream(URI.create("https://b.example")).fallback("opus").build();
        RouterConfig base = RouterConfig.of(List.of(route("opus"), big));
        RouteTable table = new RouteTable(new RouterConfig(base.routes(), "", 50, 1000, true, List.of(), null, null,
                List.of(rule("long", "big", LONG))));
        long[] now = {0};
        RoutePlanner planner = new RoutePlanner(table, () -> now[0], (from, to) -> { });
        for (int i = 0; i < 3; i++) {
            planner.afterFailure(big, "down", true, true);
        }
        Facts facts = new Facts("claude-x");
        facts.tokens = 2000;
        RouteChoice choice = planner.firstRoute(facts);
        assertEquals("opus", choice.route().name());
        assertEquals("long", choice.rule());
    }
}
