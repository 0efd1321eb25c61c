package io.github.modelrouter.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.stream.AnthropicError;
import io.github.modelrouter.stream.StreamTestSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Non-2xx answers and mid-stream error objects in Anthropic's envelope. */
class OpenAiErrorTranslatorTest {

    @ParameterizedTest
    @CsvSource({
        "400, invalid_request_error", "401, authentication_error", "403, permission_error", "404, not_found_error",
        "413, request_too_large", "429, rate_limit_error", "503, overloaded_error", "529, overloaded_error",
        "500, api_error", "502, api_error", "504, api_error", "422, invalid_request_error"
    })
    void theTypeIsTheOneForTheStatus(int status, String type) {
        String body = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        assertEquals(new AnthropicError(status, type, "Rate limit reached for gpt-4o").toJson(), translate(status, body));
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("{\"error\":\"model 'llama9' not found\"}", "model 'llama9' not found"),
                Arguments.of("{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\",\"code\":400}",
                        "max_tokens is too large"),
                Arguments.of("{\"detail\":\"Not authenticated\"}", "Not authenticated"),
                Arguments.of("<html><body>\n<h1>502 Bad Gateway</h1>\n</body></html>", "<html><body> <h1>502 Bad Gateway</h1> </body></html>"),
                Arguments.of("{\"error\":{\"message\":\"\"}}", "{\"error\":{\"message\":\"\"}}"),
                Arguments.of("", "the upstream answered without a message"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void theMessageIsTheUpstreams(String body, String message) {
        assertEquals(new AnthropicError(400, "invalid_request_error", message).toJson(), translate(400, body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"error\":{\"message\":\"m\",\"code\":502}}|502|api_error",
        "{\"error\":{\"message\":\"m\",\"code\":429}}|429|rate_limit_error",
        "{\"error\":{\"message\":\"m\",\"type\":\"rate_limit_exceeded\"}}|429|rate_limit_error",
        "{\"error\":{\"message\":\"m\",\"type\":\"overloaded_error\"}}|529|overloaded_error",
        "{\"error\":{\"message\":\"m\",\"code\":\"internal\"}}|500|api_error"
    })
    void errorObjectsInStreamsMapByCodeOrType(String chunk, int status, String type) {
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        assertEquals(new AnthropicError(status, type, "m"), OpenAiErrorTranslator.errorOf(JsonScanner.parse(bytes), 500));
    }

    private static String translate(int status, String body) {
        byte[] input = body.getBytes(StandardCharsets.UTF_8);
        return StreamTestSupport.text(StreamTestSupport.output(new OpenAiErrorTranslator(status), input, input.length / 2));
    }
}
