package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.translate.OpenAiWire.ChatCompletion;
import io.github.modelrouter.translate.OpenAiWire.Choice;
import io.github.modelrouter.translate.OpenAiWire.Message;
import io.github.modelrouter.translate.OpenAiWire.ToolCall;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A non-streamed Chat Completions answer as an Anthropic message: {@code id} ({@code msg_…}),
 * {@code type}, {@code role}, {@code model}, {@code content}, {@code stop_reason},
 * {@code stop_sequence}, {@code usage}. The content is, in this order, a {@code thinking} block
 * for {@code reasoning_content}/{@code reasoning} (left out with {@code dropThinking}), a
 * {@code text} block for {@code content}, and a {@code tool_use} block per named tool call, with
 * its input parsed from the arguments ({@code {}} when they are empty or not a JSON object). The
 * same order as {@link OpenAiStreamTranslator} gives a stream of the same answer.
 *
 * <p>The answer is bound to {@link OpenAiWire} records with JSON-B once it has fully arrived (the
 * message cannot be written before); it is kept up to {@value #MAX_ANSWER_BYTES} bytes. An answer
 * that is not a Chat Completions object fails the exchange (502), it is never passed on raw.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class OpenAiAnswerTranslator implements BodyTransformer {

    static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

    private final boolean dropThinking;
    private final String fallbackModel;
    private final List<String> stopSequences;
    private final Consumer<TokenUsage> usageListener;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();

    /** Parameters as for {@link OpenAiStreamTranslator}. */
    public OpenAiAnswerTranslator(boolean dropThinking, String fallbackModel, List<String> stopSequences,
                                  Consumer<TokenUsage> usageListener) {
        this.dropThinking = dropThinking;
        this.fallbackModel = Objects.requireNonNullElse(fallbackModel, "");
        this.stopSequences = List.copyOf(stopSequences);
        this.usageListener = Objects.requireNonNullElse(usageListener, u -> { });
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        if (answer.size() + input.remaining() > MAX_ANSWER_BYTES) {
            throw new IllegalStateException("the upstream's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        byte[] bytes = new byte[input.remaining()];
        input.get(bytes);
        answer.writeBytes(bytes);
        if (finished) {
            ChatCompletion completion = bind(answer.toByteArray());
            TokenUsage usage = usageOf(completion.usage());
            output.accept(message(completion, usage).release());
            usageListener.accept(usage);
        }
    }

    private static ChatCompletion bind(byte[] body) {
        try {
            ChatCompletion completion = OpenAiJsonb.get().fromJson(new ByteArrayInputStream(body), ChatCompletion.class);
            if (completion == null || completion.choices() == null || completion.choices().isEmpty()) {
                throw new IllegalStateException("the upstream's answer has no choices");
            }
            return completion;
        } catch (JsonbException e) {
            throw new IllegalStateException("the upstream's answer is not a Chat Completions object", e);
        }
    }

    private JsonWriter message(ChatCompletion completion, TokenUsage usage) {
        Choice choice = completion.choices().get(0);
        Message message = Objects.requireNonNullElse(choice.message(), new Message(null, null, null, null, null));
        String id = AnthropicAnswerJson.messageId(completion.id());
        String model = completion.model() == null || completion.model().isEmpty() ? fallbackModel : completion.model();
        JsonWriter out = new JsonWriter(1024);
        out.put('{');
        AnthropicAnswerJson.header(out, id, model);
        out.ascii(",\"content\":[");
        int blocks = 0;
        String reasoning = message.reasoningContent() != null ? message.reasoningContent() : message.reasoning();
        if (!dropThinking && reasoning != null && !reasoning.isEmpty()) {
            out.ascii("{\"type\":\"thinking\",\"thinking\":").string(reasoning).ascii(",\"signature\":\"\"}");
            blocks++;
        }
        String text = textOf(message.content());
        if (!text.isEmpty()) {
            out.ascii(blocks++ > 0 ? "," : "").ascii("{\"type\":\"text\",\"text\":").string(text).put('}');
        }
        boolean toolUse = false;
        List<ToolCall> calls = message.toolCalls() == null ? List.of() : message.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            if (call == null || call.function() == null || call.function().name() == null
                    || call.function().name().isEmpty()) {
                continue; // a call without a name cannot be run; an empty name fails Claude Code's turn
            }
            out.ascii(blocks++ > 0 ? "," : "");
            toolUse(out, call, call.id() == null || call.id().isEmpty() ? AnthropicAnswerJson.toolUseId(id, i) : call.id());
            toolUse = true;
        }
        out.ascii("],");
        AnthropicAnswerJson.stop(out, StopReason.of(choice.finishReason(), matchedStop(choice), toolUse, stopSequences));
        out.ascii(",\"usage\":");
        AnthropicAnswerJson.usage(out, usage);
        return out.put('}');
    }

    private static void toolUse(JsonWriter out, ToolCall call, String id) {
        out.ascii("{\"type\":\"tool_use\",\"id\":").string(id).ascii(",\"name\":").string(call.function().name())
                .ascii(",\"input\":");
        String arguments = call.function().arguments();
        byte[] bytes = arguments == null ? new byte[0] : arguments.getBytes(StandardCharsets.UTF_8);
        JsonSpan input = JsonScanner.tryParse(bytes, 0, bytes.length);
        if (input != null && input.isObject()) {
            out.value(input);
        } else {
            out.ascii("{}");
        }
        out.put('}');
    }

    /** A string, or the text parts of a list of parts, joined; empty for null. */
    private static String textOf(JsonValue content) {
        if (content == null) {
            return "";
        }
        if (content instanceof JsonString string) {
            return string.getString();
        }
        StringBuilder text = new StringBuilder();
        if (content.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue part : content.asJsonArray()) {
                if (part.getValueType() == JsonValue.ValueType.OBJECT
                        && "text".equals(part.asJsonObject().getString("type", null))) {
                    text.append(part.asJsonObject().getString("text", ""));
                }
            }
        }
        return text.toString();
    }

    private static String matchedStop(Choice choice) {
        if (choice.stopReason() instanceof JsonString string) {
            return string.getString();
        }
        return choice.matchedStop();
    }

    private static TokenUsage usageOf(OpenAiWire.Usage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        long cached = usage.promptTokensDetails() != null && usage.promptTokensDetails().cachedTokens() != null
                ? usage.promptTokensDetails().cachedTokens() : 0;
        if (cached == 0 && usage.promptCacheHitTokens() != null) {
            cached = usage.promptCacheHitTokens();
        }
        return UsageMapping.of(orZero(usage.promptTokens()), orZero(usage.completionTokens()), cached);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
