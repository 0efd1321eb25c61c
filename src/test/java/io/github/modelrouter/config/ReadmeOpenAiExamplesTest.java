package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
 * Every configuration example of the README's "OpenAI-compatible providers" section is loaded by
 * the router's own loader: the standalone tables alone, the haiku-to-Ollama one over the shipped
 * defaults, as an operator would use them.
 */
class ReadmeOpenAiExamplesTest {

    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "k", "OPENROUTER_API_KEY", "k",
            "GROQ_API_KEY", "k", "VLLM_API_KEY", "k", "DEEPSEEK_API_KEY", "k", "KIMI_API_KEY", "k", "MINIMAX_API_KEY", "k");

    @Test
    void everyExampleLoadsAsAnOpenAiRoute() {
        List<Map<String, String>> blocks = blocks();
        assertEquals(6, blocks.size(), "OpenAI, OpenRouter, Groq, Ollama, vLLM and haiku → Ollama");
        for (Map<String, String> block : blocks.subList(0, 5)) {
            RouteConfig route = new RouterConfigLoader(ENV::get).load(TestConfigs.config(block)).routes().get(0);
            assertEquals(UpstreamFormat.OPENAI, route.format(), block.toString());
            assertTrue(route.messagesUri().toString().endsWith("/v1/chat/completions"), route.messagesUri().toString());
            assertTrue(route.auth().bearer() && route.hasKey() && !route.modelId().isEmpty(), block.toString());
        }
        Map<String, String> withDefaults = new HashMap<>(shippedDefaults());
        withDefaults.putAll(blocks.get(5));
        RouterConfig config = new RouterConfigLoader(ENV::get).load(TestConfigs.config(withDefaults));
        RouteConfig haiku = config.routes().stream().filter(r -> r.name().equals("haiku")).findFirst().orElseThrow();
        assertEquals("http://127.0.0.1:11434/v1/chat/completions", haiku.messagesUri().toString());
        assertEquals(UpstreamFormat.OPENAI, haiku.format());
        assertEquals("qwen2.5-coder:7b", haiku.modelId());
        assertEquals(UpstreamFormat.ANTHROPIC, config.routes().get(0).format(), "opus stays on DeepSeek's Anthropic API");
    }

    private static List<Map<String, String>> blocks() {
        try {
            String readme = Files.readString(Path.of("README.md"));
            int from = readme.indexOf("## OpenAI-compatible providers");
            String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
            Matcher m = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL).matcher(section);
            List<Map<String, String>> blocks = new ArrayList<>();
            while (m.find()) {
                blocks.add(properties(new StringReader(m.group(1))));
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> shippedDefaults() {
        try (InputStream in = ReadmeOpenAiExamplesTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> map = new HashMap<>();
            properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> properties(StringReader text) throws IOException {
        Properties properties = new Properties();
        properties.load(text);
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
