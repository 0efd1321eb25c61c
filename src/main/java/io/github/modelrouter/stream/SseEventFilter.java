package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonLocator;
import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.ThinkingTypes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The stream stage: forwards an upstream SSE answer event by event, optionally without thinking
 * blocks ({@code response-thinking=drop}), and reports its token usage.
 *
 * <p><b>Output</b>: only complete events (SseParser's split, so any chunking gives the same
 * bytes), as one buffer per call holding the kept events of that call, the moment the upstream
 * completes them. Kept events are the upstream's bytes, unchanged, with one exception:
 *
 * <p><b>With dropThinking</b>, every event of a content block whose {@code content_block_start}
 * declares {@code content_block.type} {@code thinking} or {@code redacted_thinking} is dropped
 * (its start, its deltas, its stop), and the top-level {@code index} of later blocks' events is
 * renumbered so the client sees 0, 1, 2… without holes. Only the index digits change; line ends,
 * field order, nested {@code index} keys (tool input) stay as they were. The event type comes from
 * the {@code event:} field, else from the data's top-level {@code type}. Only
 * content_block_start (for the block type), message_start and message_delta (for usage) are
 * parsed as JSON; other events are inspected with a byte scanner or not at all.
 *
 * <p><b>Never fails the stream for content</b>: an event whose JSON cannot be read, or whose index
 * is not a plain integer, is forwarded unchanged (a block whose start cannot be read is kept).
 * Pings, errors, comments, unknown types pass untouched. The one failure is an event over the
 * parser's limit: {@link SseEventTooLargeException}, after the events before it were output.
 *
 * <p><b>Usage</b> is reported once, when {@code finished} is true (TokenUsage.NONE if the stream
 * had none): message_start's {@code message.usage} combined with message_delta's {@code usage}.
 *
 * <p><b>End of stream</b>: on {@code finished}, bytes after the last blank line are decided like
 * an event and, if kept, forwarded as they are. When the
 * upstream <em>failed</em>, do not call transform with finished=true before appending an SSE
 * error event: its bytes would run into the partial event. Read {@link #usage()} instead.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class SseEventFilter implements BodyTransformer {

    private static final byte[] INDEX = ascii("index");
    private static final byte[] TYPE = ascii("type");
    /** How Anthropic begins each block event's data, up to the index's colon (JsonLocator's shortcut). */
    private static final byte[] DELTA_START = ascii("{\"type\":\"content_block_delta\",\"index\":");
    private static final byte[] START_START = ascii("{\"type\":\"content_block_start\",\"index\":");
    private static final byte[] STOP_START = ascii("{\"type\":\"content_block_stop\",\"index\":");

    private final boolean dropThinking;
    private final Consumer<TokenUsage> usageListener;
    private final SseParser parser;
    private final BlockIndexMap blocks = new BlockIndexMap();
    private final UsageAccumulator usage = new UsageAccumulator();
    private final Consumer<SseEvent> onEvent = this::onEvent;
    /** The current call's output; null between calls. */
    private KeptBytes out;
    private boolean previousKept = true;
    private boolean finished;
    private boolean sawEnd;

    /**
     * @param dropThinking whether to drop thinking blocks ({@code response-thinking=drop})
     * @param usageListener told the answer's usage once, at the end; may be null
     */
    public SseEventFilter(boolean dropThinking, Consumer<TokenUsage> usageListener) {
        this(dropThinking, usageListener, SseParser.DEFAULT_MAX_EVENT_BYTES);
    }

    /** As above, with the largest event accepted (bytes, blank line included). */
    public SseEventFilter(boolean dropThinking, Consumer<TokenUsage> usageListener, int maxEventBytes) {
        this.dropThinking = dropThinking;
        this.usageListener = Objects.requireNonNullElse(usageListener, u -> { });
        this.parser = new SseParser(maxEventBytes);
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        if (this.finished) {
            throw new IllegalStateException("transform called after finished");
        }
        // a call outputs at most its input and the pending event, but for rare longer renumbered indices
        out = new KeptBytes(input.hasArray() ? input.array() : null, input.remaining() + parser.pendingBytes());
        try {
            parser.parse(input, onEvent);
            if (finished) {
                this.finished = true;
                parser.finish(onEvent);
            }
        } finally {
            // events decided before a failure still reach the client, ahead of its error event
            out.release(output);
            out = null;
        }
        if (finished) {
            usageListener.accept(usage());
        }
    }

    /**
     * Whether the stream carried its own end: a {@code message_stop} or an {@code error} event. A
     * stream that finishes without either was cut short upstream, and the client must be told.
     */
    @Override
    public boolean complete() {
        return sawEnd;
    }

    /** The usage seen so far (complete once the stream has finished). */
    public TokenUsage usage() {
        return usage.toTokenUsage();
    }

    private void onEvent(SseEvent event) {
        boolean kept;
        if (event.continuesPrevious()) {
            kept = previousKept;
            if (kept) {
                event.copyTo(out);
            }
        } else {
            kept = forward(event);
        }
        previousKept = kept;
    }

    /** Decides one event, writes it if kept, and answers whether it was. */
    private boolean forward(SseEvent event) {
        KnownEventType type = typeOf(event);
        switch (type) {
            case MESSAGE_START -> {
                JsonSpan data = readJson(event);
                usage.mergeUsageOf(data == null ? null : data.get("message"));
            }
            case MESSAGE_DELTA -> usage.mergeUsageOf(readJson(event));
            case MESSAGE_STOP, ERROR -> sawEnd = true;
            case CONTENT_BLOCK_START, CONTENT_BLOCK_DELTA, CONTENT_BLOCK_STOP -> {
                if (dropThinking) {
                    return forwardBlockEvent(event, type);
                }
            }
            default -> {
                // pings, errors, message_stop, unknown types: forwarded as they are
            }
        }
        event.copyTo(out);
        return true;
    }

    private boolean forwardBlockEvent(SseEvent event, KnownEventType type) {
        boolean isStart = type == KnownEventType.CONTENT_BLOCK_START;
        byte[] usualStart = isStart ? START_START : type == KnownEventType.CONTENT_BLOCK_STOP ? STOP_START : DELTA_START;
        SseEvent.DataText data = event.dataText();
        int indexAt = JsonLocator.findMember(data.bytes(), data.from(), data.to(), INDEX, usualStart);
        int indexEnd = indexAt < 0 ? -1 : JsonLocator.integerEnd(data.bytes(), indexAt, data.to());
        int upstreamIndex = indexEnd < 0 ? -1 : digits(data.bytes(), indexAt, indexEnd);
        if (upstreamIndex < 0 || upstreamIndex > BlockIndexMap.MAX_INDEX) {
            event.copyTo(out);
            return true;
        }
        int clientIndex = isStart
                ? blocks.start(upstreamIndex, isThinkingStart(readJson(event)))
                : blocks.clientIndexOf(upstreamIndex);
        if (clientIndex == BlockIndexMap.DROPPED) {
            return false;
        }
        if (clientIndex == upstreamIndex) {
            event.copyTo(out);
        } else {
            int rawFrom = event.rawIndexOfData(indexAt);
            int rawTo = event.rawIndexOfData(indexEnd);
            event.copyTo(out, 0, rawFrom);
            out.number(clientIndex);
            event.copyTo(out, rawTo, event.rawLength());
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int digits(byte[] text, int from, int to) {
        int value = 0;
        for (int p = from; p < to; p++) {
            value = value * 10 + (text[p] - '0');
        }
        return value;
    }

    /** The {@code event:} field, else the data's top-level {@code type}; OTHER for the rest. */
    private static KnownEventType typeOf(SseEvent event) {
        if (event.hasEventField() || !event.hasData()) {
            return event.knownType();
        }
        SseEvent.DataText data = event.dataText();
        int typeAt = JsonLocator.findMember(data.bytes(), data.from(), data.to(), TYPE);
        return typeAt < 0 ? KnownEventType.OTHER : KnownEventType.ofJsonString(data.bytes(), typeAt, data.to());
    }

    /** The event's data as an object, or null when it is not one. */
    private static JsonSpan readJson(SseEvent event) {
        SseEvent.DataText data = event.dataText();
        JsonSpan span = JsonScanner.tryParse(data.bytes(), data.from(), data.to());
        return span != null && span.isObject() ? span : null;
    }

    /** Whether a content_block_start's data declares a thinking block; unreadable data is not. */
    private static boolean isThinkingStart(JsonSpan data) {
        JsonSpan block = data == null ? null : data.get("content_block");
        return block != null && ThinkingTypes.isAnswerThinking(block);
    }
}
