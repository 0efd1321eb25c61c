package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.stream.TokenUsage;

/**
 * Writes Anthropic SSE events ({@code event:} line, one compact {@code data:} line, blank line)
 * into the output of one transform call. Delta texts taken from an upstream chunk are copied as
 * the chunk's JSON string literal, never decoded. One instance per stream, on its thread.
 */
final class AnthropicEvents {

    private JsonWriter out;

    /** Where the next events go (the current call's output). */
    void target(JsonWriter writer) {
        this.out = writer;
    }

    private JsonWriter begin(String type) {
        return out.ascii("event: ").ascii(type).ascii("\ndata: {\"type\":\"").ascii(type).put('"');
    }

    private void end() {
        out.ascii("}\n\n");
    }

    void messageStart(String id, String model) {
        begin("message_start").ascii(",\"message\":{");
        AnthropicAnswerJson.header(out, id, model);
        out.ascii(",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":");
        AnthropicAnswerJson.usage(out, TokenUsage.NONE);
        out.put('}');
        end();
    }

    void textStart(int index) {
        blockStart(index).ascii("{\"type\":\"text\",\"text\":\"\"}");
        end();
    }

    void thinkingStart(int index) {
        blockStart(index).ascii("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}");
        end();
    }

    void toolUseStart(int index, String id, String name) {
        blockStart(index).ascii("{\"type\":\"tool_use\",\"id\":").string(id).ascii(",\"name\":").string(name)
                .ascii(",\"input\":{}}");
        end();
    }

    private JsonWriter blockStart(int index) {
        return begin("content_block_start").ascii(",\"index\":").number(index).ascii(",\"content_block\":");
    }

    /** A delta whose text is a JSON string literal of the upstream chunk, copied as it is. */
    void delta(int index, String deltaType, String field, JsonSpan literal) {
        deltaHead(index, deltaType, field).raw(literal);
        out.put('}');
        end();
    }

    /** A delta with decoded text (arguments buffered before a tool's name was known). */
    void delta(int index, String deltaType, String field, String text) {
        deltaHead(index, deltaType, field).string(text);
        out.put('}');
        end();
    }

    private JsonWriter deltaHead(int index, String deltaType, String field) {
        return begin("content_block_delta").ascii(",\"index\":").number(index).ascii(",\"delta\":{\"type\":\"")
                .ascii(deltaType).ascii("\",\"").ascii(field).ascii("\":");
    }

    void blockStop(int index) {
        begin("content_block_stop").ascii(",\"index\":").number(index);
        end();
    }

    /** message_delta with the stop and the usage (input counts too: they arrive only at the end). */
    void messageDelta(StopReason stop, TokenUsage usage) {
        begin("message_delta").ascii(",\"delta\":{");
        AnthropicAnswerJson.stop(out, stop);
        out.ascii("},\"usage\":{\"input_tokens\":").number(usage.inputTokens())
                .ascii(",\"cache_read_input_tokens\":").number(usage.cacheReadInputTokens())
                .ascii(",\"output_tokens\":").number(usage.outputTokens()).put('}');
        end();
    }

    void messageStop() {
        begin("message_stop");
        end();
    }

    void raw(byte[] bytes) {
        out.raw(bytes, 0, bytes.length);
    }
}
