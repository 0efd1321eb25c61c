package io.github.modelrouter.translate;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * The OpenAI Chat Completions answer as typed records, bound with JSON-B (Yasson) by
 * {@link OpenAiAnswerTranslator}; member names are the wire's ({@code snake_case}, via the naming
 * strategy). Members a provider leaves out are null; members this router does not use are not
 * declared, and JSON-B ignores them. {@code content} is kept as a JSON value because providers send
 * a string, null, or (Mistral and some gateways) a list of parts. Tool call {@code arguments} stay
 * text: they are JSON the model wrote, parsed only when the Anthropic message is written.
 */
public final class OpenAiWire {

    private OpenAiWire() {
    }

    /** {@code chat.completion}: one answer. */
    public record ChatCompletion(String id, String model, List<Choice> choices, Usage usage) {
    }

    /** One choice; the router asks for one. */
    public record Choice(Integer index, Message message, String finishReason, JsonValue stopReason,
                         String matchedStop) {
    }

    /** The assistant's message. */
    public record Message(String role, JsonValue content, String reasoningContent, String reasoning,
                          List<ToolCall> toolCalls) {
    }

    /** One tool call: {@code id}, {@code type} ({@code function}) and the function. */
    public record ToolCall(String id, String type, Function function) {
    }

    /** The function a tool call names, with its arguments as JSON text. */
    public record Function(String name, String arguments) {
    }

    /** Token counts; {@code prompt_tokens} includes the cached ones. */
    public record Usage(Long promptTokens, Long completionTokens, PromptTokensDetails promptTokensDetails,
                        Long promptCacheHitTokens) {
    }

    /** Where OpenAI reports cached prompt tokens. */
    public record PromptTokensDetails(Long cachedTokens) {
    }
}
