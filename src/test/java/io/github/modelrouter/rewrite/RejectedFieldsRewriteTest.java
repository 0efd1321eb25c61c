package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.modelrouter.config.ThinkingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Learned rejected fields in the one rewrite pass, and their paired betas in the upstream headers. */
class RejectedFieldsRewriteTest {

    private final RequestRewriter rewriter = new RequestRewriter();

    private String rewrite(String json, Set<String> rejected, boolean disableThinking) {
        ClientRequestBody body = ClientRequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
        var route = TestRoutes.route("a", "", ThinkingPolicy.PRESERVE, disableThinking, Set.of(),
                io.github.modelrouter.config.AuthScheme.parse("x-api-key"), io.github.modelrouter.config.BetaHeaderPolicy.parse("forward"));
        return new String(rewriter.rewrite(body, route, rejected), StandardCharsets.UTF_8);
    }

    @Test
    void aLearnedFieldLeavesTheTopLevelOnly() {
        String json = "{\"model\":\"m\",\"context_management\":{\"edits\":[]},\"max_tokens\":1.0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"context_management\":1}]}],"
                + "\"output_config\":{\"effort\":\"high\"}}";
        assertEquals("{\"model\":\"m\",\"max_tokens\":1.0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"context_management\":1}]}],"
                + "\"output_config\":{\"effort\":\"high\"}}", rewrite(json, Set.of("context_management"), false));
        assertEquals("{\"model\":\"m\",\"max_tokens\":1.0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"context_management\":1}]}]}",
                rewrite(json, Set.of("context_management", "output_config"), false));
    }

    @Test
    void aRejectedThinkingIsNotAddedBackByDisableThinking() {
        String json = "{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[]}";
        assertEquals("{\"model\":\"m\",\"thinking\":{\"type\":\"disabled\"},\"messages\":[]}", rewrite(json, Set.of(), true));
        assertEquals("{\"model\":\"m\",\"messages\":[]}", rewrite(json, Set.of("thinking"), true));
    }

    @Test
    void pairedBetasLeaveTheHeaderAndAnEmptyHeaderGoes() {
        List<Map.Entry<String, String>> headers = List.of(Map.entry("x-api-key", "k"),
                Map.entry("anthropic-beta", "claude-code-20250219,context-management-2025-06-27, interleaved-thinking-2025-05-14"));
        assertEquals(List.of(Map.entry("x-api-key", "k"),
                        Map.entry("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")),
                UpstreamHeaders.withoutBetas(headers, List.of("context-management-")));
        assertEquals(List.of(Map.entry("x-api-key", "k")), UpstreamHeaders.withoutBetas(
                List.of(Map.entry("x-api-key", "k"), Map.entry("anthropic-beta", "context-management-2025-06-27")),
                List.of("context-management-")));
        assertSame(headers, UpstreamHeaders.withoutBetas(headers, List.of()));
    }
}
