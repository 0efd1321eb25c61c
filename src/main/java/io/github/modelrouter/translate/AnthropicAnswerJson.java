package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.stream.TokenUsage;

/**
 * The pieces of Anthropic's answer shape both translators write: the message id, the message
 * header, the usage object. Streamed and non-streamed answers of the same upstream answer thus
 * accumulate into equal messages. Stateless.
 */
final class AnthropicAnswerJson {

    private AnthropicAnswerJson() {
    }

    /** {@code msg_} and the upstream's id (letters, digits, {@code _} and {@code -} only), else a fixed stand-in. */
    static String messageId(String upstreamId) {
        if (upstreamId == null || upstreamId.isEmpty()) {
            return "msg_openai";
        }
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < upstreamId.length() && id.length() < 96; i++) {
            char c = upstreamId.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            id.append(plain ? c : '_');
        }
        return id.toString();
    }

    /** A tool_use id when the provider sent none: stable for the answer and the call's position. */
    static String toolUseId(String messageId, int position) {
        return "toolu_" + messageId.substring("msg_".length()) + "_" + position;
    }

    /** {@code "id":…,"type":"message","role":"assistant","model":…} (no braces). */
    static void header(JsonWriter out, String id, String model) {
        out.ascii("\"id\":").string(id).ascii(",\"type\":\"message\",\"role\":\"assistant\",\"model\":").string(model);
    }

    /** The full usage object of a message. */
    static void usage(JsonWriter out, TokenUsage usage) {
        out.ascii("{\"input_tokens\":").number(usage.inputTokens())
                .ascii(",\"cache_creation_input_tokens\":").number(usage.cacheCreationInputTokens())
                .ascii(",\"cache_read_input_tokens\":").number(usage.cacheReadInputTokens())
                .ascii(",\"output_tokens\":").number(usage.outputTokens()).put('}');
    }

    /** {@code "stop_reason":…,"stop_sequence":…} (no braces). */
    static void stop(JsonWriter out, StopReason stop) {
        out.ascii("\"stop_reason\":").string(stop.reason()).ascii(",\"stop_sequence\":");
        if (stop.sequence() == null) {
            out.ascii("null");
        } else {
            out.string(stop.sequence());
        }
    }
}
