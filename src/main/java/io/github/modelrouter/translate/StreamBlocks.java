package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content blocks of one translated stream: which block is open, the next client index, and
 * each tool call's state. Blocks get indices 0, 1, 2… in order of first appearance, and at most one
 * is open: a part of another kind (or another tool call) closes it first, as Anthropic's own
 * streams do.
 *
 * <p>A tool call's {@code content_block_start} needs its name, which some providers send after the
 * first argument fragments: until the name is known, fragments are kept and the block is not
 * started (an empty tool name would make Claude Code fail the turn). The id may be missing too
 * (Ollama, llama.cpp); then one is made from the message id and the call's position. A fragment
 * for a call whose block was already closed (providers that interleave parallel calls) is still
 * sent, to that call's index: dropping tool arguments would silently break the call.
 *
 * <p>One instance per stream, used by the transformer's thread only.
 */
final class StreamBlocks {

    private enum Kind { NONE, TEXT, THINKING, TOOL }

    /** One tool call, by the provider's {@code index}. */
    private static final class ToolCall {
        final int position;
        String id;
        String name;
        StringBuilder pending = new StringBuilder();
        int blockIndex = -1;

        ToolCall(int position) {
            this.position = position;
        }
    }

    private final AnthropicEvents events;
    private final String messageId;
    private final Map<Integer, ToolCall> toolCalls = new LinkedHashMap<>();
    private Kind open = Kind.NONE;
    private int openIndex = -1;
    private int nextIndex;
    private boolean toolUseEmitted;

    StreamBlocks(AnthropicEvents events, String messageId) {
        this.events = events;
        this.messageId = messageId;
    }

    /** Whether any tool_use block was started. */
    boolean toolUseEmitted() {
        return toolUseEmitted;
    }

    void thinking(JsonSpan text) {
        if (open != Kind.THINKING) {
            close();
            open(Kind.THINKING);
            events.thinkingStart(openIndex);
        }
        events.delta(openIndex, "thinking_delta", "thinking", text);
    }

    void text(JsonSpan text) {
        if (open != Kind.TEXT) {
            close();
            open(Kind.TEXT);
            events.textStart(openIndex);
        }
        events.delta(openIndex, "text_delta", "text", text);
    }

    /** One element of a delta's {@code tool_calls}. */
    void toolCall(JsonSpan call, int positionInDelta) {
        JsonSpan index = call.get("index");
        int key = index != null && index.integer().isPresent() ? (int) index.integer().getAsLong() : positionInDelta;
        ToolCall tool = toolCalls.computeIfAbsent(key, k -> new ToolCall(toolCalls.size()));
        JsonSpan function = call.get("function");
        String id = call.stringMember("id");
        if (tool.id == null && id != null && !id.isEmpty()) {
            tool.id = id;
        }
        String name = function == null ? null : function.stringMember("name");
        if (tool.name == null && name != null && !name.isEmpty()) {
            tool.name = name;
        }
        JsonSpan arguments = function == null ? null : function.get("arguments");
        boolean hasArguments = arguments != null && arguments.isString() && !arguments.isEmptyString();
        if (tool.blockIndex >= 0) {
            if (hasArguments) {
                events.delta(tool.blockIndex, "input_json_delta", "partial_json", arguments);
            }
            return;
        }
        if (hasArguments) {
            tool.pending.append(arguments.string());
        }
        if (tool.name != null) {
            startTool(tool);
        }
    }

    private void startTool(ToolCall tool) {
        close();
        open(Kind.TOOL);
        tool.blockIndex = openIndex;
        toolUseEmitted = true;
        String id = tool.id != null ? tool.id : AnthropicAnswerJson.toolUseId(messageId, tool.position);
        events.toolUseStart(openIndex, id, tool.name);
        if (tool.pending.length() > 0) {
            events.delta(openIndex, "input_json_delta", "partial_json", tool.pending.toString());
        }
        tool.pending = null;
    }

    private void open(Kind kind) {
        open = kind;
        openIndex = nextIndex++;
    }

    /** Closes the open block, if any. Tool calls still without a name are left out. */
    void close() {
        if (open != Kind.NONE) {
            events.blockStop(openIndex);
        }
        open = Kind.NONE;
        openIndex = -1;
    }
}
