package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.SseEvent;
import io.github.modelrouter.stream.SseParser;
import io.github.modelrouter.stream.TokenUsage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The stream stage for {@code format=openai} routes: OpenAI Chat Completions chunks in, Anthropic
 * SSE out, as they arrive. The first chunk yields {@code message_start} at once; each text,
 * thinking ({@code reasoning_content} or {@code reasoning}) and tool-call part becomes its
 * {@code content_block_start}, deltas and {@code content_block_stop} ({@link StreamBlocks});
 * {@code data: [DONE]} yields {@code message_delta} (stop reason, usage from the
 * {@code include_usage} chunk) and {@code message_stop}. A chunk carrying {@code error} becomes an
 * SSE {@code error} event in Anthropic's envelope and ends the answer. With {@code dropThinking}
 * ({@code response-thinking=drop}) reasoning is not sent at all.
 *
 * <p>A stream that ends without {@code [DONE]} but after a {@code finish_reason} is closed as if
 * {@code [DONE]} had come (some servers omit it); one that ends with neither is cut short:
 * {@link #complete()} is false and nothing is invented, so the exchange appends its error event.
 *
 * <p><b>Why spans, not JSON-B, on this path</b> (measured, not assumed): every chunk is scanned into
 * {@link JsonSpan}s and delta strings are copied as the chunk's own literals. On the 2 MB chunk
 * stream of {@code OpenAiStreamBenchmark}, two runs on a shared 2-core machine, binding every chunk
 * to records with JSON-B alone ran at 90–111 MB/s, scanning them into spans at 232–389 MB/s, and
 * the whole translation (scan plus writing the Anthropic events) at 147–238 MB/s: JSON-B would
 * cost 2–4× the scan before a byte is written, and decode and re-escape every text. The typed
 * records ({@link OpenAiWire}) are used for whole JSON answers, where that cost is paid once per
 * answer. Either is far above what any model streams; the choice keeps per-chunk garbage low.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class OpenAiStreamTranslator implements BodyTransformer {

    private final boolean dropThinking;
    private final String fallbackModel;
    private final List<String> stopSequences;
    private final Consumer<TokenUsage> usageListener;
    private final SseParser parser = new SseParser();
    private final AnthropicEvents events = new AnthropicEvents();
    private final Consumer<SseEvent> onEvent = this::onEvent;
    private StreamBlocks blocks;
    private String finishReason;
    private String matchedStop;
    private TokenUsage usage = TokenUsage.NONE;
    private boolean ended;
    private boolean finished;

    /**
     * @param dropThinking whether reasoning is left out ({@code response-thinking=drop})
     * @param fallbackModel the model named when chunks name none (the route's model id or the client's)
     * @param stopSequences the client's {@code stop_sequences}, to tell {@code stop_sequence} from {@code end_turn}
     * @param usageListener told the answer's usage once, at the end; may be null
     */
    public OpenAiStreamTranslator(boolean dropThinking, String fallbackModel, List<String> stopSequences,
                                  Consumer<TokenUsage> usageListener) {
        this.dropThinking = dropThinking;
        this.fallbackModel = Objects.requireNonNullElse(fallbackModel, "");
        this.stopSequences = List.copyOf(stopSequences);
        this.usageListener = Objects.requireNonNullElse(usageListener, u -> { });
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        if (this.finished) {
            throw new IllegalStateException("transform called after finished");
        }
        JsonWriter out = new JsonWriter(input.remaining() + 256);
        events.target(out);
        try {
            parser.parse(input, onEvent);
            if (finished) {
                this.finished = true;
                parser.finish(onEvent);
                if (!ended && finishReason != null) {
                    end();
                }
            }
        } finally {
            // what was translated before a failure still reaches the client, ahead of its error event
            events.target(null);
            if (out.size() > 0) {
                output.accept(out.release());
            }
        }
        if (finished) {
            usageListener.accept(usage);
        }
    }

    /** Whether the answer ended properly: {@code [DONE]}, a finish reason, or an error event. */
    @Override
    public boolean complete() {
        return ended;
    }

    private void onEvent(SseEvent event) {
        if (ended || !event.hasData()) {
            return; // comments (OpenRouter's ": OPENROUTER PROCESSING"), pings, anything after the end
        }
        SseEvent.DataText data = event.dataText();
        if (isDone(data)) {
            end();
            return;
        }
        JsonSpan chunk = JsonScanner.tryParse(data.bytes(), data.from(), data.to());
        if (chunk == null || !chunk.isObject()) {
            return; // not a chunk: ignored rather than failing an answer that may well continue
        }
        JsonSpan error = chunk.get("error");
        if (error != null && error.kind() != JsonSpan.Kind.NULL) {
            events.raw(OpenAiErrorTranslator.errorOf(chunk, 500).toSseEvent());
            ended = true;
            return;
        }
        chunk(chunk);
    }

    private static boolean isDone(SseEvent.DataText data) {
        byte[] b = data.bytes();
        int from = data.from();
        int to = data.to();
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\r' || b[to - 1] == '\n')) {
            to--;
        }
        return to - from == 6 && b[from] == '[' && b[from + 1] == 'D' && b[from + 2] == 'O'
                && b[from + 3] == 'N' && b[from + 4] == 'E' && b[from + 5] == ']';
    }

    private void chunk(JsonSpan chunk) {
        if (blocks == null) {
            start(chunk);
        }
        JsonSpan chunkUsage = chunk.get("usage");
        if (chunkUsage != null && chunkUsage.isObject()) {
            usage = OpenAiUsageSpans.of(chunkUsage);
        }
        JsonSpan choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            JsonSpan choice = choices.value(i);
            JsonSpan index = choice.isObject() ? choice.get("index") : null;
            if (choice.isObject() && (index == null || index.integer().orElse(-1) == 0)) {
                choice(choice); // n > 1 is never asked for; other choices are not part of this answer
            }
        }
    }

    private void start(JsonSpan chunk) {
        String id = AnthropicAnswerJson.messageId(chunk.stringMember("id"));
        String model = chunk.stringMember("model");
        blocks = new StreamBlocks(events, id);
        events.messageStart(id, model == null || model.isEmpty() ? fallbackModel : model);
    }

    private void choice(JsonSpan choice) {
        JsonSpan delta = choice.get("delta");
        if (delta != null && delta.isObject()) {
            delta(delta);
        }
        String reason = choice.stringMember("finish_reason");
        if (reason != null) {
            finishReason = reason;
        }
        String matched = choice.stringMember("stop_reason");
        matched = matched != null ? matched : choice.stringMember("matched_stop");
        if (matched != null) {
            matchedStop = matched;
        }
    }

    private void delta(JsonSpan delta) {
        JsonSpan reasoning = nonEmptyString(delta, "reasoning_content");
        reasoning = reasoning != null ? reasoning : nonEmptyString(delta, "reasoning");
        if (reasoning != null && !dropThinking) {
            blocks.thinking(reasoning);
        }
        JsonSpan content = nonEmptyString(delta, "content");
        if (content != null) {
            blocks.text(content);
        }
        JsonSpan toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (int i = 0; i < toolCalls.size(); i++) {
                if (toolCalls.value(i).isObject()) {
                    blocks.toolCall(toolCalls.value(i), i);
                }
            }
        }
    }

    private static JsonSpan nonEmptyString(JsonSpan object, String name) {
        JsonSpan value = object.get(name);
        return value != null && value.isString() && !value.isEmptyString() ? value : null;
    }

    private void end() {
        if (blocks == null) {
            String id = AnthropicAnswerJson.messageId(null);
            blocks = new StreamBlocks(events, id);
            events.messageStart(id, fallbackModel);
        }
        blocks.close();
        events.messageDelta(StopReason.of(finishReason, matchedStop, blocks.toolUseEmitted(), stopSequences), usage);
        events.messageStop();
        ended = true;
    }
}
