package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static io.github.modelrouter.config.TestConfigs.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Routing rules and advertised ids as the loader reads them: valid forms, and every malformed one named. */
class RoutingRulesConfigTest {

    private static final Map<String, String> ENV = Map.of("CHEAP_API_KEY", "k1", "BIG_API_KEY", "k2");

    private static Map<String, String> base(String... overrides) {
        Map<String, String> properties = new HashMap<>(pairs(
                "router.routes", "cheap,big",
                "router.route.cheap.upstream", "https://cheap.example",
                "router.route.big.upstream", "https://big.example"));
        properties.putAll(pairs(overrides));
        return properties;
    }

    private static RouterConfig load(String... overrides) {
        return new RouterConfigLoader(ENV::get).load(config(base(overrides)));
    }

    private static String problems(String... overrides) {
        return assertThrows(ConfigValidationException.class, () -> load(overrides)).getMessage();
    }

    @Test
    void everyConditionKindParses() {
        RouterConfig config = load("router.rules", "all",
                "router.rule.all.when", "model:haiku; model:re:^claude-[0-9]; header:X-Claude-Code-Agent=^(sub|bg);"
                        + " tokens>100000; has:image; has:thinking; has:tool=web_search",
                "router.rule.all.route", "big");
        RoutingRule rule = config.rules().get(0);
        assertEquals("big", rule.route());
        List<RuleCondition> when = rule.when();
        assertEquals(7, when.size());
        assertInstanceOf(RuleCondition.Model.class, when.get(0));
        assertTrue(((RuleCondition.Model) when.get(1)).matcher().matches("claude-3-haiku"));
        RuleCondition.Header header = assertInstanceOf(RuleCondition.Header.class, when.get(2));
        assertEquals("x-claude-code-agent", header.lowerCaseName());
        assertEquals(100000, assertInstanceOf(RuleCondition.TokensAbove.class, when.get(3)).threshold());
        assertInstanceOf(RuleCondition.HasImage.class, when.get(4));
        assertInstanceOf(RuleCondition.HasThinking.class, when.get(5));
        assertEquals("web_search", assertInstanceOf(RuleCondition.HasTool.class, when.get(6)).nameOrType());
        assertFalse(rule.onModelOnly());
    }

    @Test
    void rulesKeepTheirOrderAndNoRulesIsTheDefault() {
        assertTrue(load().rules().isEmpty());
        RouterConfig config = load("router.rules", "second,first",
                "router.rule.first.when", "has:image", "router.rule.first.route", "big",
                "router.rule.second.when", "tokens > 5", "router.rule.second.route", "cheap");
        assertEquals(List.of("second", "first"), config.rules().stream().map(RoutingRule::name).toList());
    }

    @Test
    void anEscapedSemicolonStaysInTheRegex() {
        assertEquals(List.of("header:x-a=a\\;b", "has:image"), RuleReader.split("header:x-a=a\\;b ; has:image;"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("model:", "router.rule.r.when = \"model:\": expected a keyword or re:<regex> after model:"),
                Arguments.of("model:re:", "router.rule.r.when = \"model:re:\": expected a keyword or re:<regex>"),
                Arguments.of("model:re:([a", "router.rule.r.when = \"model:re:([a\": expected a valid regular expression"),
                Arguments.of("header:x-agent", "router.rule.r.when = \"header:x-agent\": expected header:<Name>=<regex>"),
                Arguments.of("header:=abc", "router.rule.r.when = \"header:=abc\": expected header:<Name>=<regex>"),
                Arguments.of("header:bad name=x", "router.rule.r.when = \"header:bad name=x\": expected header:<Name>=<regex>"),
                Arguments.of("header:x-agent=", "router.rule.r.when = \"header:x-agent=\": expected a regular expression after ="),
                Arguments.of("header:x-agent=[", "router.rule.r.when = \"header:x-agent=[\": expected a valid regular expression"),
                Arguments.of("tokens>", "router.rule.r.when = \"tokens>\": expected tokens>N"),
                Arguments.of("tokens>-1", "router.rule.r.when = \"tokens>-1\": expected tokens>N"),
                Arguments.of("tokens>many", "router.rule.r.when = \"tokens>many\": expected tokens>N"),
                Arguments.of("tokens<5", "router.rule.r.when = \"tokens<5\": expected tokens>N"),
                Arguments.of("has:tool=", "router.rule.r.when = \"has:tool=\": expected a tool name or type"),
                Arguments.of("has:video", "router.rule.r.when = \"has:video\": expected conditions separated by ;"),
                Arguments.of("haiku", "router.rule.r.when = \"haiku\": expected conditions separated by ;"),
                Arguments.of(" ; ", "router.rule.r.when = \";\": expected conditions separated by ;"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedConditionIsNamed(String when, String expected) {
        String message = problems("router.rules", "r", "router.rule.r.when", when, "router.rule.r.route", "big");
        assertTrue(message.contains(expected), message);
    }

    @Test
    void everyProblemOfEveryRuleIsNamedAtOnce() {
        String message = problems("router.rules", "a,b,c,a",
                "router.rule.a.when", "model:haiku;has:nothing;tokens>x", "router.rule.a.route", "ghost",
                "router.rule.b.route", "big",
                "router.rule.c.when", "has:image");
        assertTrue(message.contains("router.rule.a.when = \"has:nothing\""), message);
        assertTrue(message.contains("router.rule.a.when = \"tokens>x\""), message);
        assertTrue(message.contains("router.rule.a.route = \"ghost\": expected one of the routes in router.routes (cheap, big)"), message);
        assertTrue(message.contains("router.rule.b.when is required"), message);
        assertTrue(message.contains("router.rule.c.route is required"), message);
        assertTrue(message.contains("router.rules = \"a\": expected each rule listed once"), message);
    }

    @Test
    void advertisedIdsMustContainClaudeAndBeUnique() {
        String message = problems("router.route.cheap.advertise", "gpt-cheap,claude cheap");
        assertTrue(message.contains("router.route.cheap.advertise = \"gpt-cheap\": expected model ids containing claude"), message);
        assertTrue(message.contains("router.route.cheap.advertise = \"claude cheap\""), message);
        message = problems("router.route.big.advertise", "CLAUDE-cheap");
        assertTrue(message.contains("router.route.big.advertise lists \"CLAUDE-cheap\", which route cheap advertises too"), message);
    }

    @Test
    void advertiseDefaultsToClaudeDashRouteAndNoneListsNothing() {
        RouterConfig config = load("router.route.big.advertise", "none");
        assertEquals(List.of("claude-cheap"), config.route("cheap").orElseThrow().advertise());
        assertEquals(List.of(), config.route("big").orElseThrow().advertise());
        RouterConfig listed = load("router.route.big.advertise", "claude-big-1m, Claude-Big");
        assertEquals(List.of("claude-big-1m", "Claude-Big"), listed.route("big").orElseThrow().advertise());
    }

    @Test
    void aRuleOnTheModelAloneMustNotDivertAnAdvertisedId() {
        String message = problems("router.rules", "grab",
                "router.rule.grab.when", "model:cheap", "router.rule.grab.route", "big");
        assertTrue(message.contains("router.rule.grab.when sends model \"claude-cheap\", which router.route.cheap.advertise"
                + " lists, to route big"), message);
        // a rule with another condition may move it on purpose (images to a vision route)
        assertEquals(1, load("router.rules", "grab", "router.rule.grab.when", "model:cheap;has:image",
                "router.rule.grab.route", "big").rules().size());
    }

    @Test
    void ruleAndNewRouteKeysAreKnownKeys() {
        var config = config(base("router.route.cheap.provider", "kimi", "router.route.cheap.advertise", "claude-x",
                "router.route.cheap.max-tools", "3", "router.route.cheap.drop-tool-types", "bash",
                "router.route.cheap.format", "anthropic", "router.rule.x.when", "has:image", "router.rule.x.colour", "red"));
        assertEquals(List.of(), RouterConfigLoader.unknownKeys(config, List.of("cheap", "big")));
        assertEquals(List.of("router.rule.x.colour"), RouterConfigLoader.unknownRuleKeys(config));
    }
}
