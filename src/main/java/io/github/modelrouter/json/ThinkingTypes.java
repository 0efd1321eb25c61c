package io.github.modelrouter.json;

import java.nio.charset.StandardCharsets;

/**
 * The one definition of which content blocks are thinking, for the two places that look:
 *
 * <ul>
 *   <li><b>answers</b> ({@code response-thinking=drop}): {@code thinking} and
 *       {@code redacted_thinking}, the only thinking block types of Anthropic's Messages API, which
 *       every upstream of an Anthropic route speaks;
 *   <li><b>request history</b> (the {@code strip} and {@code placeholder} policies): those two plus
 *       {@code reasoning}, which some clients write back into the history after talking to
 *       OpenAI-style providers; the {@code strip} policy names all three.
 * </ul>
 * Stateless.
 */
public final class ThinkingTypes {

    private static final byte[] THINKING = "thinking".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDACTED_THINKING = "redacted_thinking".getBytes(StandardCharsets.US_ASCII);

    private ThinkingTypes() {
    }

    /** Whether an answer's block of this type is thinking. */
    public static boolean isAnswerThinking(String type) {
        return "thinking".equals(type) || "redacted_thinking".equals(type);
    }

    /** Whether a history block of this type is thinking: the answer types plus {@code reasoning}. */
    public static boolean isHistoryThinking(String type) {
        return isAnswerThinking(type) || "reasoning".equals(type);
    }

    /** Whether a block (an object span) is a thinking block of an answer, by its own {@code type}. */
    public static boolean isAnswerThinking(JsonSpan block) {
        return block.isObject() && isAnswerThinking(block.stringMember("type"));
    }

    /** Whether a block (an object span) of the request history is thinking, by its own {@code type}. */
    public static boolean isHistoryThinking(JsonSpan block) {
        return block.isObject() && isHistoryThinking(block.stringMember("type"));
    }

    /** Whether the JSON string at {@code pos} of raw bytes is an answer's thinking type (no escapes). */
    public static boolean isAnswerThinkingAt(byte[] text, int pos, int to) {
        return JsonLocator.stringEquals(text, pos, to, THINKING)
                || JsonLocator.stringEquals(text, pos, to, REDACTED_THINKING);
    }
}
