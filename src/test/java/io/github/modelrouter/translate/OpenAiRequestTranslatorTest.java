package io.github.modelrouter.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.UpstreamFormat;
import io.github.modelrouter.it.OpenAiRequestSchema;
import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each request rule of SPEC "Upstreams that speak OpenAI Chat Completions", and the schema check on every output. */
class OpenAiRequestTranslatorTest {

    private static final RouteConfig ROUTE = RouteConfig.builder("oai").upstream(URI.create("http://127.0.0.1:1"))
            .format(UpstreamFormat.OPENAI).modelId("gpt-4o-mini").build();
    private static final RouteConfig KEEP_MODEL = RouteConfig.builder("oai").upstream(URI.create("http://127.0.0.1:1"))
            .format(UpstreamFormat.OPENAI).build();

    private static String translate(String anthropic, RouteConfig route) {
        byte[] bytes = anthropic.getBytes(StandardCharsets.UTF_8);
        byte[] out = new OpenAiRequestTranslator().translate(JsonScanner.parse(bytes), route);
        List<String> problems = OpenAiRequestSchema.problems(out);
        assertEquals(List.of(), problems, new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static JsonObject translated(String anthropic) {
        try (JsonReader reader = Json.createReader(new StringReader(translate(anthropic, ROUTE)))) {
            return reader.readObject();
        }
    }

    private static JsonArray messages(String anthropic) {
        return translated(anthropic).getJsonArray("messages");
    }

    private static String body(String messages, String more) {
        return "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":" + messages + more + "}";
    }

    @Test
    void formatDefaultsAreTheChatCompletionsPathAndBearer() {
        assertEquals("/v1/chat/completions", ROUTE.targetPath());
        assertTrue(ROUTE.auth().bearer());
        assertEquals("/v1/messages", RouteConfig.builder("a").upstream(URI.create("http://h")).build().targetPath());
    }

    @Test
    void modelIsTheRoutesModelIdElseTheClients() {
        assertEquals("gpt-4o-mini", translated(body("[{\"role\":\"user\",\"content\":\"Hi\"}]", "")).getString("model"));
        assertTrue(translate(body("[{\"role\":\"user\",\"content\":\"Hi\"}]", ""), KEEP_MODEL)
                .startsWith("{\"model\":\"claude-haiku-4-5\","));
    }

    @Test
    void systemStringOrBlocksBecomesTheFirstSystemMessage() {
        JsonArray fromString = messages(body("[{\"role\":\"user\",\"content\":\"Hi\"}]", ",\"system\":\"Be brief.\""));
        assertEquals(Json.createObjectBuilder().add("role", "system").add("content", "Be brief.").build(), fromString.get(0));
        JsonArray fromBlocks = messages(body("[{\"role\":\"user\",\"content\":\"Hi\"}]",
                ",\"system\":[{\"type\":\"text\",\"text\":\"A\",\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"B\"}]"));
        assertEquals("A\n\nB", fromBlocks.getJsonObject(0).getString("content"));
        assertEquals("user", fromBlocks.getJsonObject(1).getString("role"));
    }

    @Test
    void userTextAndImageBlocksBecomeContentParts() {
        JsonArray messages = messages(body("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}}]}]", ""));
        JsonArray parts = messages.getJsonObject(0).getJsonArray("content");
        assertEquals("{\"type\":\"text\",\"text\":\"What is this?\"}", parts.get(0).toString());
        assertEquals("data:image/png;base64,iVBORw0KGgo=", parts.getJsonObject(1).getJsonObject("image_url").getString("url"));
        assertEquals("https://example.com/cat.jpg", parts.getJsonObject(2).getJsonObject("image_url").getString("url"));
    }

    @Test
    void textOnlyUserBlocksAreJoinedIntoAString() {
        JsonArray messages = messages(body("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<reminder/>\"},"
                + "{\"type\":\"text\",\"text\":\"Fix it\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]", ""));
        assertEquals("<reminder/>\nFix it", messages.getJsonObject(0).getString("content"));
    }

    @Test
    void assistantTextAndToolUseBecomeOneMessageWithToolCallsAndExactArguments() {
        String input = "{\"path\":\"/a b\",\"n\":1.0,\"big\":123456789012345678901234567890,\"e\":1e-7}";
        String out = translate(body("[{\"role\":\"user\",\"content\":\"Read it\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"},{\"type\":\"text\",\"text\":\"Reading.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":" + input + "}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]}]", ""), ROUTE);
        assertTrue(out.contains("{\"role\":\"assistant\",\"content\":\"Reading.\",\"tool_calls\":[{\"id\":\"toolu_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":"
                + Json.createValue(input).toString() + "}}]}"), out);
        assertFalse(out.contains("hmm") || out.contains("thinking"), "history thinking is dropped: " + out);
    }

    @Test
    void assistantWithOnlyToolUseHasNullContent() {
        JsonArray messages = messages(body("[{\"role\":\"user\",\"content\":\"Go\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"\"}]}]", ""));
        assertTrue(messages.getJsonObject(1).isNull("content"));
        assertEquals("{}", messages.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0)
                .getJsonObject("function").getString("arguments"));
    }

    @Test
    void toolResultsBecomeToolMessagesInOrderBeforeTheRestOfTheTurn() {
        JsonArray messages = messages(body("[{\"role\":\"user\",\"content\":\"Go\"},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Read\",\"input\":{}},{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"Grep\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"and then?\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":[{\"type\":\"text\",\"text\":\"line 1\"},{\"type\":\"text\",\"text\":\"line 2\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/\"}}]},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":\"no match\",\"is_error\":true}]}]", ""));
        assertEquals(5, messages.size(), messages.toString());
        assertEquals(Json.createObjectBuilder().add("role", "tool").add("tool_call_id", "a").add("content", "line 1\nline 2").build(),
                messages.get(2));
        assertEquals("Error: no match", messages.getJsonObject(3).getString("content"));
        assertEquals("b", messages.getJsonObject(3).getString("tool_call_id"));
        JsonArray rest = messages.getJsonObject(4).getJsonArray("content");
        assertEquals("data:image/jpeg;base64,/9j/", rest.getJsonObject(0).getJsonObject("image_url").getString("url"),
                "the tool result's image joins the user message after the tool messages");
        assertEquals("and then?", rest.getJsonObject(1).getString("text"));
    }

    @Test
    void systemRoleInsideMessagesStaysWhereItStands() {
        JsonArray messages = messages(body("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"system\",\"content\":\"mid\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}]", ""));
        assertEquals("system", messages.getJsonObject(1).getString("role"));
        assertEquals("mid", messages.getJsonObject(1).getString("content"));
    }

    @Test
    void toolsBecomeFunctionsWithTheSchemaBytesUnchanged() {
        String schema = "{\"type\":\"object\",\"properties\":{\"cache_control\":{\"type\":\"number\",\"default\":1.0}},\"required\":[]}";
        String out = translate(body("[{\"role\":\"user\",\"content\":\"Hi\"}]", ",\"tools\":[{\"name\":\"T\",\"description\":\"d\","
                + "\"input_schema\":" + schema + ",\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}]"), ROUTE);
        assertTrue(out.contains(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"T\",\"description\":\"d\",\"parameters\":"
                + schema + "}}]"), out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"auto\"}|\"tool_choice\":\"auto\"",
        "{\"type\":\"any\"}|\"tool_choice\":\"required\"",
        "{\"type\":\"none\"}|\"tool_choice\":\"none\"",
        "{\"type\":\"tool\",\"name\":\"T\"}|\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"T\"}}",
        "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}|\"tool_choice\":\"auto\",\"parallel_tool_calls\":false"
    })
    void toolChoiceMaps(String anthropic, String openAi) {
        String out = translate(body("[{\"role\":\"user\",\"content\":\"Hi\"}]", ",\"tools\":[{\"name\":\"T\",\"input_schema\":"
                + "{\"type\":\"object\"}}],\"tool_choice\":" + anthropic), ROUTE);
        assertTrue(out.contains(openAi), out);
    }

    @Test
    void samplingStopUserAndStreamCarryOverAndAnthropicOnlyFieldsDoNot() {
        String out = translate("{\"model\":\"m\",\"max_tokens\":1024,\"temperature\":0.70,\"top_p\":1.0,\"top_k\":40,"
                + "\"stop_sequences\":[\"END\",\"\\n\\nHuman:\"],\"metadata\":{\"user_id\":\"u-1\"},\"thinking\":{\"type\":\"adaptive\"},"
                + "\"context_management\":{\"edits\":[]},\"output_config\":{\"effort\":\"high\"},\"service_tier\":\"auto\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", ROUTE);
        assertTrue(out.endsWith(",\"max_tokens\":1024,\"temperature\":0.70,\"top_p\":1.0,\"stop\":[\"END\",\"\\n\\nHuman:\"],"
                + "\"user\":\"u-1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), out);
        for (String absent : List.of("top_k", "thinking", "context_management", "output_config", "service_tier", "metadata")) {
            assertFalse(out.contains("\"" + absent + "\""), absent + " in " + out);
        }
    }

    @Test
    void stopSequencesAreOfferedToTheAnswerTranslators() {
        byte[] bytes = body("[]", ",\"stop_sequences\":[\"END\",7]").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("END"), OpenAiRequestTranslator.stopSequences(JsonScanner.parse(bytes)));
    }

    @Test
    void theClaudeCodeRequestPassesTheStrictSchema() {
        byte[] fixture = ClaudeCodeRequestFixture.bytes(300_000, ClaudeCodeRequestFixture.Shape.CLIENT);
        byte[] out = new OpenAiRequestTranslator().translate(JsonScanner.parse(fixture), ROUTE);
        assertEquals(List.of(), OpenAiRequestSchema.problems(out));
        String text = new String(out, StandardCharsets.UTF_8);
        assertFalse(text.contains("cache_control\":{\"type\":\"ephemeral\"") || text.contains("redacted_thinking"), "Anthropic-only bits left");
        assertTrue(text.contains("\"tool_calls\":[") && text.contains("\"role\":\"tool\""), "tool history kept");
    }
}
