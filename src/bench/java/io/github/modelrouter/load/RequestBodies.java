package io.github.modelrouter.load;

import io.github.modelrouter.rewrite.ClaudeCodeRequestFixture;
import java.nio.charset.StandardCharsets;

/**
 * The request bodies: Claude Code's {@code /v1/messages} traffic as the rewrite tests' fixture
 * generates it (tools with JSON schemas, {@code cache_control}, a history with thinking,
 * redacted_thinking and tool_use blocks), at the size asked, for the opus route; and a short
 * conversation (same headers and top-level shape, a few KB) for holding thousands of streams,
 * where the streaming machinery rather than the body is measured.
 */
final class RequestBodies {

    /** Routed to the proxy's opus route, whose upstream answers at once. */
    static final String FAST_MODEL = ClaudeCodeRequestFixture.CLIENT_MODEL;
    /** Routed to the proxy's haiku route, whose upstream holds streams open. */
    static final String HOLD_MODEL = "claude-haiku-4-5-20251001";

    private static final String STREAM_TRUE = "\"stream\":true}";

    private RequestBodies() {
    }

    /** The Claude Code request of about {@code approxBytes}, for {@code model}, streamed or not. */
    static byte[] claudeCode(int approxBytes, String model, boolean stream) {
        String json = ClaudeCodeRequestFixture.json(approxBytes, ClaudeCodeRequestFixture.Shape.CLIENT);
        if (!json.endsWith(STREAM_TRUE)) {
            throw new IllegalStateException("the fixture no longer ends with " + STREAM_TRUE);
        }
        json = json.replaceFirst("^\\{\"model\":\"[^\"]*\"", "{\"model\":\"" + model + "\"");
        if (!stream) {
            json = json.substring(0, json.length() - STREAM_TRUE.length()) + "\"stream\":false}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A short conversation for {@code model}: one user turn, the system blocks, one tool. */
    static byte[] shortConversation(String model, boolean stream) {
        String json = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Explain what the request handler in src/main/java does, briefly.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}],"
                + "\"system\":[{\"type\":\"text\",\"text\":\"x-anthropic-billing-header: cc_version=2.1.197.3f2; "
                + "cc_entrypoint=cli; cch=8a1b2;\"},{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's "
                + "official CLI for Claude.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"tools\":[{\"name\":\"Read\",\"description\":\"Reads a file from the local filesystem.\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}},"
                + "\"required\":[\"file_path\"],\"additionalProperties\":false}}],"
                + "\"metadata\":{\"user_id\":\"user_bench_session_7d3e4f5a\"},\"max_tokens\":32000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},\"stream\":" + stream + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
