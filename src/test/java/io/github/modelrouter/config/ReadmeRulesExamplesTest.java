package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three routing-rule examples of the README's "Routing rules" section, each loaded over the
 * shipped defaults by the router's own loader, as an operator would use them.
 */
class ReadmeRulesExamplesTest {

    private static final Map<String, String> ENV = Map.of("DEEPSEEK_API_KEY", "k", "KIMI_API_KEY", "k",
            "MINIMAX_API_KEY", "k", "MOONSHOT_API_KEY", "k");

    private static RouterConfig load(Map<String, String> example) {
        Map<String, String> properties = new HashMap<>(ProviderPresetsTest.shipped());
        properties.putAll(example);
        return new RouterConfigLoader(ENV::get).load(TestConfigs.config(properties));
    }

    @Test
    void theThreeExamplesLoad() {
        List<Map<String, String>> blocks = blocks();
        assertEquals(3, blocks.size(), "subagents/background, long context, images");

        RouterConfig background = load(blocks.get(0));
        assertEquals(List.of("background", "subagents"), background.rules().stream().map(RoutingRule::name).toList());
        assertTrue(background.rules().stream().allMatch(r -> r.route().equals("haiku")
                && r.when().get(0) instanceof RuleCondition.Header));

        RouterConfig longContext = load(blocks.get(1));
        RoutingRule rule = longContext.rules().get(0);
        assertEquals(150000, ((RuleCondition.TokensAbove) rule.when().get(0)).threshold());
        RouteConfig big = longContext.route(rule.route()).orElseThrow();
        assertEquals("https://api.minimax.io/anthropic/v1/messages", big.messagesUri().toString());
        assertEquals("MiniMax-M3", big.modelId());
        assertTrue(big.auth().bearer(), "from the minimax preset");

        RouterConfig images = load(blocks.get(2));
        RoutingRule imageRule = images.rules().get(0);
        assertTrue(imageRule.when().get(0) instanceof RuleCondition.HasImage);
        RouteConfig vision = images.route(imageRule.route()).orElseThrow();
        assertEquals("https://api.moonshot.ai/anthropic/v1/messages", vision.messagesUri().toString());
        assertEquals(128, vision.tools().maxTools(), "from the kimi preset");
    }

    private static List<Map<String, String>> blocks() {
        try {
            String readme = Files.readString(Path.of("README.md"));
            int from = readme.indexOf("### Routing rules");
            String section = readme.substring(from, readme.indexOf("\n### ", from + 1));
            Matcher m = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL).matcher(section);
            List<Map<String, String>> blocks = new ArrayList<>();
            while (m.find()) {
                Properties properties = new Properties();
                properties.load(new StringReader(m.group(1)));
                Map<String, String> map = new HashMap<>();
                properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
                blocks.add(map);
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
