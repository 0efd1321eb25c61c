package io.github.modelrouter.translate;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's Anthropic request as an OpenAI Chat Completions body (SPEC "Upstreams that speak
 * OpenAI Chat Completions", Request), written from the spans the body was scanned into once:
 *
 * <ul>
 *   <li>{@code model}: the route's {@code model-id}, else the client's;
 *   <li>{@code messages}: {@code system} first, then the conversation ({@link OpenAiMessagesWriter});
 *   <li>{@code tools}, {@code tool_choice}, {@code parallel_tool_calls} ({@link OpenAiToolsWriter});
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p} as the client wrote them,
 *       {@code stop_sequences} as {@code stop}, {@code metadata.user_id} as {@code user};
 *   <li>{@code stream}, and with {@code "stream":true} also
 *       {@code "stream_options":{"include_usage":true}} (without it OpenAI sends no usage in
 *       streams, and the client's token counts would be 0).
 * </ul>
 * Nothing else is sent: {@code top_k}, {@code thinking}, {@code context_management},
 * {@code output_config}, {@code cache_control} have no Chat Completions counterpart, and strict
 * providers refuse unknown fields. The route's {@code strip-fields} and thinking policy concern
 * Anthropic bodies and do not apply: history thinking is always dropped here.
 *
 * <p>Stateless and thread-safe; the body is not modified, so a fallback to another route (of
 * either format) translates or rewrites the same spans again.
 */
public final class OpenAiRequestTranslator {

    public OpenAiRequestTranslator() {
    }

    /** The UTF-8 Chat Completions body for {@code route}'s upstream. */
    public byte[] translate(JsonSpan request, RouteConfig route) {
        JsonWriter out = new JsonWriter(request.end() - request.start() + 1024);
        out.ascii("{\"model\":");
        JsonSpan model = request.get("model");
        if (!route.modelId().isEmpty() || model == null) {
            out.string(route.modelId());
        } else {
            out.value(model);
        }
        out.ascii(",\"messages\":");
        new OpenAiMessagesWriter(out).write(request.get("system"), request.get("messages"));
        OpenAiToolsWriter.write(out, request.get("tools"), request.get("tool_choice"));
        copyNumber(out, request, "max_tokens", "max_tokens");
        copyNumber(out, request, "temperature", "temperature");
        copyNumber(out, request, "top_p", "top_p");
        stop(out, request.get("stop_sequences"));
        user(out, request.get("metadata"));
        JsonSpan stream = request.get("stream");
        if (stream != null && stream.kind() == JsonSpan.Kind.TRUE) {
            out.ascii(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        } else if (stream != null && stream.kind() == JsonSpan.Kind.FALSE) {
            out.ascii(",\"stream\":false");
        }
        out.put('}');
        return out.toByteArray();
    }

    /**
     * The client's {@code stop_sequences} (strings only): the answer translators need them to tell
     * a matched stop sequence from a plain end of turn.
     */
    public static List<String> stopSequences(JsonSpan request) {
        JsonSpan sequences = request.get("stop_sequences");
        if (sequences == null || !sequences.isArray() || sequences.size() == 0) {
            return List.of();
        }
        List<String> strings = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.value(i).isString()) {
                strings.add(sequences.value(i).string());
            }
        }
        return List.copyOf(strings);
    }

    private static void copyNumber(JsonWriter out, JsonSpan request, String from, String to) {
        JsonSpan value = request.get(from);
        if (value != null && value.kind() == JsonSpan.Kind.NUMBER) {
            out.put(',').string(to).put(':').raw(value);
        }
    }

    /** Only the strings of a non-empty list: OpenAI refuses {@code "stop":[]} on some providers. */
    private static void stop(JsonWriter out, JsonSpan sequences) {
        if (sequences == null || !sequences.isArray()) {
            return;
        }
        boolean first = true;
        for (int i = 0; i < sequences.size(); i++) {
            JsonSpan sequence = sequences.value(i);
            if (!sequence.isString()) {
                continue;
            }
            out.ascii(first ? ",\"stop\":[" : ",");
            first = false;
            out.value(sequence);
        }
        if (!first) {
            out.put(']');
        }
    }

    private static void user(JsonWriter out, JsonSpan metadata) {
        JsonSpan userId = metadata == null ? null : metadata.get("user_id");
        if (userId != null && userId.isString()) {
            out.ascii(",\"user\":");
            out.value(userId);
        }
    }
}
