package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts routing rules read from a real scanned body. */
class BodyFactsTest {

    private static BodyFacts facts(String json) {
        return new BodyFacts(Bodies.parse(json), ClientHeaders.of(Map.of("X-Claude-Code-Session-Id", List.of("s-1"))),
                new TokenEstimator());
    }

    @Test
    void thinkingIsOnForEnabledAndAdaptiveOnly() {
        assertTrue(facts("{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}}").thinkingEnabled());
        assertTrue(facts("{\"model\":\"m\",\"thinking\":{\"type\":\"adaptive\"}}").thinkingEnabled());
        assertFalse(facts("{\"model\":\"m\",\"thinking\":{\"type\":\"disabled\"}}").thinkingEnabled());
        assertFalse(facts("{\"model\":\"m\"}").thinkingEnabled());
        assertFalse(facts("{\"model\":\"m\",\"thinking\":true}").thinkingEnabled());
    }

    @Test
    void toolsMatchByNameTypeOrVersionedType() {
        BodyFacts facts = facts("{\"model\":\"m\",\"tools\":[{\"name\":\"Bash\",\"input_schema\":{}},"
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},{\"type\":\"code_execution_20250825\",\"name\":\"ce\"}]}");
        assertTrue(facts.hasTool("Bash"));
        assertTrue(facts.hasTool("web_search"));
        assertTrue(facts.hasTool("code_execution"));
        assertTrue(facts.hasTool("code_execution_20250825"));
        assertFalse(facts.hasTool("code"), "a prefix is not a versioned type");
        assertFalse(facts.hasTool("bash"), "names compare exactly");
        assertFalse(facts("{\"model\":\"m\"}").hasTool("Bash"));
    }

    @Test
    void imagesAndTokensComeFromTheEstimatorsWalk() {
        String withImage = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AAAA\"}}]}]}]}";
        BodyFacts facts = facts(withImage);
        assertTrue(facts.hasImage(), "an image inside a tool result counts");
        assertEquals(new TokenEstimator().estimateInputTokens(Bodies.parse(withImage)), facts.estimatedInputTokens());
        assertFalse(facts("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"an image of a cat\"}]}").hasImage());
    }

    @Test
    void headersAndModelComeFromTheRequest() {
        BodyFacts facts = facts("{\"model\":\"claude-haiku-4-5\"}");
        assertEquals("claude-haiku-4-5", facts.model());
        assertEquals(List.of("s-1"), facts.header("x-claude-code-session-id"));
        assertEquals(List.of(), facts.header("x-absent"));
    }
}
