package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The fake OpenAI server's request check refuses what strict providers refuse (else the ITs prove nothing). */
class OpenAiRequestSchemaTest {

    private static List<String> problems(String body) {
        return OpenAiRequestSchema.problems(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRequestHasNoProblems() {
        assertEquals(List.of(), problems("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA==\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],\"tool_choice\":\"auto\","
                + "\"max_tokens\":5,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"thinking\":{}}|thinking",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"cache_control\":{}}]}|cache_control",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{}}]}]}|part of type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"r\"}]}|answers no pending tool call",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"user\",\"content\":\"x\"}]}|comes before tool results",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"\",\"arguments\":\"[1]\"}}]}]}|without a name",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"\"}]}|non-empty string or null",
        "{\"model\":\"m\",\"messages\":[]}|non-empty array",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{\"include_usage\":true}}|only allowed with stream",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":{}}]}|tools[] must be",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[],\"tool_choice\":{\"type\":\"any\"}}|tool_choice is not",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[]}|stop must be"
    })
    void refuses(String body, String problem) {
        List<String> problems = problems(body);
        assertTrue(problems.stream().anyMatch(p -> p.contains(problem)), problems.toString());
    }
}
