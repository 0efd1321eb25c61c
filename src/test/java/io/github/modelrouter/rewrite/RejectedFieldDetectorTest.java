package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rejected-field detector over real 400 bodies of providers and frameworks (fixtures in rewrite/rejected). */
class RejectedFieldDetectorTest {

    private static final Set<String> SENT = Set.of("model", "messages", "max_tokens", "system", "tools",
            "context_management", "output_config", "thinking", "metadata", "stream");
    private static final Predicate<String> WAS_SENT = SENT::contains;
    private final RejectedFieldDetector detector = new RejectedFieldDetector();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "anthropic.json, context_management",
            "vllm.json, context_management",
            "fastapi.json, context_management",
            "litellm.json, output_config",
            "openai-unrecognized.json, context_management",
            "openai-unrecognized-several.json, context_management output_config",
            "openai-unknown-parameter.json, output_config",
            "serde.json, context_management",
            "go.json, context_management",
            "gemini.json, context_management",
            "jsonschema.json, context_management"})
    void namesTheTopLevelFieldARealProviderRejects(String fixture, String expected) {
        assertEquals(List.of(expected.split(" ")), List.copyOf(detector.rejected(fixture(fixture), WAS_SENT)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"anthropic-nested.json", "openai-unknown-nested.json", "protected.json", "unrelated.json"})
    void nestedProtectedAndUnrelatedErrorsNameNothing(String fixture) {
        assertEquals(Set.of(), detector.rejected(fixture(fixture), WAS_SENT));
    }

    @Test
    void aFieldTheRouterDidNotSendIsNotLearned() {
        assertEquals(Set.of(), detector.rejected(fixture("anthropic.json"), name -> !name.equals("context_management")));
    }

    @Test
    void notJsonOrEmptyNamesNothing() {
        assertEquals(Set.of(), detector.rejected(new byte[0], WAS_SENT));
        assertEquals(Set.of(), detector.rejected("<html>Bad Request</html>".getBytes(), WAS_SENT));
    }

    private static byte[] fixture(String name) {
        try (InputStream in = RejectedFieldDetectorTest.class.getResourceAsStream("/rewrite/rejected/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
