package io.github.modelrouter.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.modelrouter.stream.StreamTestSupport;
import io.github.modelrouter.stream.TokenUsage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Non-streamed Chat Completions answers as Anthropic messages (JSON-B records in, message out). */
class OpenAiAnswerTranslatorTest {

    private static final String USAGE = "\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":7,\"total_tokens\":1207,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}";

    private static String completion(String message, String finish, String more) {
        return "{\"id\":\"chatcmpl-A1\",\"object\":\"chat.completion\",\"created\":1733000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"logprobs\":null,\"finish_reason\":" + finish + more + "}],"
                + USAGE + ",\"system_fingerprint\":\"fp_1\"}";
    }

    private static JsonObject translate(String answer, boolean drop, List<String> stops, List<TokenUsage> usage) {
        byte[] input = answer.getBytes(StandardCharsets.UTF_8);
        // the answer arrives in pieces: nothing may come out before the end
        StreamTestSupport.Run run = StreamTestSupport.run(new OpenAiAnswerTranslator(drop, "route-model", stops, usage::add),
                input, new int[] {input.length / 3, input.length / 2}, StreamTestSupport.BufferKind.DIRECT);
        for (int i = 0; i < run.perCall().size() - 1; i++) {
            assertEquals(0, run.perCall().get(i).length);
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(run.output(), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static JsonObject translate(String answer) {
        return translate(answer, false, List.of(), new ArrayList<>());
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void textAnswerIsAnAnthropicMessageWithMappedUsage() {
        List<TokenUsage> usage = new ArrayList<>();
        JsonObject message = translate(completion("{\"role\":\"assistant\",\"content\":\"Hello \\\"there\\\" 😀\",\"refusal\":null}",
                "\"stop\"", ""), false, List.of(), usage);
        assertEquals(json("{\"id\":\"msg_chatcmpl-A1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-4o-mini\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hello \\\"there\\\" 😀\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1200,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":1024,\"output_tokens\":7}}"), message);
        assertEquals(List.of(new TokenUsage(1200, 7, 1024, 0)), usage);
    }

    @Test
    void reasoningIsAThinkingBlockFirstUnlessDropped() {
        String answer = completion("{\"role\":\"assistant\",\"content\":\"Hi\",\"reasoning_content\":\"Greet.\"}", "\"stop\"", "");
        assertEquals("[{\"type\":\"thinking\",\"thinking\":\"Greet.\",\"signature\":\"\"},{\"type\":\"text\",\"text\":\"Hi\"}]",
                translate(answer).getJsonArray("content").toString());
        assertEquals("[{\"type\":\"text\",\"text\":\"Hi\"}]",
                translate(answer, true, List.of(), new ArrayList<>()).getJsonArray("content").toString());
        String openRouter = completion("{\"role\":\"assistant\",\"content\":\"Hi\",\"reasoning\":\"Hmm.\"}", "\"stop\"", "");
        assertEquals("Hmm.", translate(openRouter).getJsonArray("content").getJsonObject(0).getString("thinking"));
    }

    @Test
    void toolCallsAreToolUseBlocksWithParsedInput() {
        JsonObject message = translate(completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\": \\\"/a\\\", \\\"n\\\": 1.0}\"}},"
                + "{\"id\":\"\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"\"}},"
                + "{\"id\":\"call_c\",\"type\":\"function\",\"function\":{\"name\":\"\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"call_d\",\"type\":\"function\",\"function\":{\"name\":\"Grep\",\"arguments\":\"not json\"}}]}", "\"tool_calls\"", ""));
        assertEquals(json("{\"c\":[{\"type\":\"tool_use\",\"id\":\"call_a\",\"name\":\"Read\",\"input\":{\"file_path\":\"/a\",\"n\":1.0}},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_chatcmpl-A1_1\",\"name\":\"Bash\",\"input\":{}},"
                + "{\"type\":\"tool_use\",\"id\":\"call_d\",\"name\":\"Grep\",\"input\":{}}]}").getJsonArray("c"),
                message.getJsonArray("content"));
        assertEquals("tool_use", message.getString("stop_reason"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"stop\"||end_turn|",
        "\"length\"||max_tokens|",
        "\"tool_calls\"||tool_use|",
        "\"content_filter\"||refusal|",
        "null||end_turn|",
        "\"stop\"|,\"stop_reason\":\"END\"|stop_sequence|END",
        "\"stop\"|,\"stop_reason\":\"OTHER\"|end_turn|",
        "\"stop\"|,\"matched_stop\":\"END\"|stop_sequence|END",
        "\"stop\"|,\"stop_reason\":151645|end_turn|"
    })
    void finishReasonsMap(String finish, String more, String stopReason, String stopSequence) {
        JsonObject message = translate(completion("{\"role\":\"assistant\",\"content\":\"x\"}", finish, more == null ? "" : more),
                false, List.of("END"), new ArrayList<>());
        assertEquals(stopReason, message.getString("stop_reason"));
        assertEquals(stopSequence, message.isNull("stop_sequence") ? null : message.getString("stop_sequence"));
    }

    @Test
    void stopWithToolCallsIsToolUse() {
        JsonObject message = translate(completion("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c\","
                + "\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]}", "\"stop\"", ""));
        assertEquals("tool_use", message.getString("stop_reason"));
        assertEquals(1, message.getJsonArray("content").size(), "an empty content string is no text block");
    }

    @Test
    void contentAsPartsAndDeepSeekCacheHitsAreRead() {
        List<TokenUsage> usage = new ArrayList<>();
        JsonObject message = translate("{\"id\":\"x\",\"model\":\"\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":3,\"prompt_cache_hit_tokens\":10}}", false, List.of(), usage);
        assertEquals("ab", message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("route-model", message.getString("model"), "no model in the answer: the route's");
        assertEquals(List.of(new TokenUsage(50, 3, 10, 0)), usage);
    }

    @Test
    void anAnswerThatIsNotAChatCompletionFailsTheExchange() {
        assertThrows(IllegalStateException.class, () -> translate("{\"object\":\"list\",\"data\":[]}"));
        assertThrows(IllegalStateException.class, () -> translate("<html>gateway</html>"));
    }
}
