package io.github.modelrouter.translate;

import java.util.List;

/**
 * An OpenAI {@code finish_reason} as Anthropic's {@code stop_reason} and {@code stop_sequence}:
 * {@code stop} → {@code end_turn}, or {@code stop_sequence} when the provider names the stop
 * string it matched (vLLM's {@code stop_reason}, SGLang's {@code matched_stop}) and it is one the
 * client asked for; {@code length} → {@code max_tokens}; {@code tool_calls} and the older
 * {@code function_call} → {@code tool_use}; {@code content_filter} → {@code refusal}. An answer that
 * carries tool calls stops with {@code tool_use} whatever its reason says (Ollama and some vLLM
 * models say {@code stop}), since Claude Code runs tools only after {@code tool_use}. Anything else
 * (or no reason) is {@code end_turn}.
 *
 * @param reason Anthropic's stop reason
 * @param sequence the stop sequence matched, or null
 */
record StopReason(String reason, String sequence) {

    static StopReason of(String finishReason, String matchedStop, boolean hasToolCalls, List<String> stopSequences) {
        if (hasToolCalls && (finishReason == null || finishReason.equals("stop") || finishReason.equals("tool_calls")
                || finishReason.equals("function_call"))) {
            return new StopReason("tool_use", null);
        }
        if (finishReason == null) {
            return new StopReason("end_turn", null);
        }
        return switch (finishReason) {
            case "stop" -> matchedStop != null && stopSequences.contains(matchedStop)
                    ? new StopReason("stop_sequence", matchedStop) : new StopReason("end_turn", null);
            case "length" -> new StopReason("max_tokens", null);
            case "tool_calls", "function_call" -> new StopReason("tool_use", null);
            case "content_filter" -> new StopReason("refusal", null);
            default -> new StopReason("end_turn", null);
        };
    }
}
