package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.config.ToolPolicy;
import io.github.modelrouter.json.BufferPool;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import io.github.modelrouter.json.ThinkingTypes;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns the client's body into the body a route's upstream accepts,
 * as a pure function of {@code (body, route)}, working on the spans of the client's own
 * bytes: subtrees the route leaves alone are copied as they came in when they are already in
 * compact form (or with only their whitespace dropped, {@link JsonWriter#value}), and only what
 * changes is written.
 *
 * <ol>
 *   <li>{@code model} becomes the route's {@code model-id} when that is not empty, in place;
 *   <li>the route's {@code strip-fields} are removed at top level and from {@code system} blocks,
 *       message content blocks (and the blocks of a {@code tool_result}'s content) and
 *       {@code tools[]} entries, never deeper: a tool's {@code input_schema} may legitimately
 *       have a property called {@code cache_control};
 *   <li>{@code tools[]} loses the entries whose type the route's {@code drop-tool-types} names,
 *       and is cut to the route's {@code max-tools} (see {@link ToolPolicy});
 *   <li>the thinking policy is applied to {@code messages}: {@code preserve} leaves them;
 *       {@code strip} removes the history's thinking blocks ({@link ThinkingTypes}) from every
 *       message's content list and drops a message whose list held nothing else (upstreams reject
 *       {@code "content": []}); {@code placeholder} gives every assistant message whose content is
 *       a list exactly one {@code {"type":"thinking","thinking":"","signature":""}} block first, in
 *       place of all its thinking blocks; string content stays a string, as SPEC applies the
 *       policy to list contents only;
 *   <li>with {@code disable-thinking}, top-level {@code thinking} becomes {@code {"type":"disabled"}}:
 *       in the client's position when it sent one, else appended last;
 *   <li>the top-level fields the route learned its upstream rejects ({@code learn-rejected-fields})
 *       are left out, in the same pass: top level only, as the upstream named them.
 * </ol>
 * Everything else goes out as it came in: unknown fields, member order, {@code metadata},
 * {@code context_management}, {@code output_config}, {@code "role":"system"} messages, Unicode,
 * and numbers as the client wrote them. The output is compact JSON (the client's insignificant
 * whitespace is not kept); duplicate member names keep the first position and the last value.
 *
 * <p>The tree-based rewrite in the tests is the oracle this must match byte for byte.
 *
 * <p>Stateless and thread-safe; each call writes with its own writer. The body is not modified,
 * so the same {@link ClientRequestBody} can be rewritten again for a fallback route.
 */
public final class RequestRewriter {

    private final BufferPool pool;

    /** A rewriter that allocates each output buffer. */
    public RequestRewriter() {
        this(null);
    }

    /** A rewriter whose {@link #rewriteToSend} output comes from {@code pool} (null: none). */
    public RequestRewriter(BufferPool pool) {
        this.pool = pool;
    }

    /** The UTF-8 JSON body to forward to {@code route}'s upstream. */
    public byte[] rewrite(ClientRequestBody body, RouteConfig route) {
        return rewrite(body, route, Set.of());
    }

    /** As {@link #rewrite(ClientRequestBody, RouteConfig)}, also leaving out the top-level {@code rejected} fields. */
    public byte[] rewrite(ClientRequestBody body, RouteConfig route, Set<String> rejected) {
        ByteBuffer written = rewriteToSend(body, route, rejected);
        byte[] bytes = new byte[written.remaining()];
        written.duplicate().get(bytes);
        recycle(written);
        return bytes;
    }

    /**
     * As {@link #rewrite(ClientRequestBody, RouteConfig, Set)}, the bytes left where they were
     * written (no copy to trim the buffer): what the proxy sends, once.
     */
    public ByteBuffer rewriteToSend(ClientRequestBody body, RouteConfig route, Set<String> rejected) {
        // output is usually a little smaller than the input (client whitespace, cache_control and
        // thinking gone); the slack covers placeholders and backslash-u escaped input written back as UTF-8
        int sizeHint = body.byteLength() + body.byteLength() / 32 + 256;
        byte[] borrowed = pool == null ? null : pool.take(sizeHint);
        Writer writer = new Writer(borrowed == null ? new JsonWriter(sizeHint) : new JsonWriter(borrowed),
                route.stripFields(), rejected);
        writer.request(body.spans(), route);
        ByteBuffer written = writer.out.release();
        if (borrowed != null && written.array() != borrowed) {
            pool.give(borrowed); // outgrown: copied into a larger array, not referenced any more
        }
        return written;
    }

    /**
     * Gives the array of a {@link #rewriteToSend} result back for the next request's output: call
     * only once nothing will read it any more (every byte handed to the connection, or the
     * exchange over).
     */
    public void recycle(ByteBuffer sent) {
        if (pool != null) {
            pool.give(sent.array());
        }
    }

    /** One request being written: the output and the fields stripped. On one thread. */
    private static final class Writer {

        private static final String PLACEHOLDER = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
        private static final String THINKING_DISABLED = "{\"type\":\"disabled\"}";

        private final JsonWriter out;
        private final Set<String> fields;
        private final Set<String> rejected;
        /** The same names as arrays, matched against a key's bytes (no key is decoded to look it up). */
        private final String[] fieldNames;
        private final String[] rejectedNames;
        private final Predicate<JsonSpan> strips = this::strips;
        private final Predicate<JsonSpan> stripsTopLevel = this::stripsTopLevel;

        Writer(JsonWriter out, Set<String> fields, Set<String> rejected) {
            this.out = out;
            this.fields = fields;
            this.rejected = rejected;
            this.fieldNames = fields.toArray(String[]::new);
            this.rejectedNames = rejected.toArray(String[]::new);
        }

        private boolean strips(JsonSpan key) {
            return named(key, fieldNames);
        }

        private boolean stripsTopLevel(JsonSpan key) {
            return strips(key) || named(key, rejectedNames);
        }

        private static boolean named(JsonSpan key, String[] names) {
            for (String name : names) {
                if (key.stringEquals(name)) {
                    return true;
                }
            }
            return false;
        }

        void request(JsonSpan request, RouteConfig route) {
            out.put('{');
            int written = keptMembers(request, stripsTopLevel, (key, value) -> requestMember(key.string(), value, route));
            if (route.disableThinking() && !rejected.contains("thinking") && !hasKeptMember(request, "thinking")) {
                if (written > 0) {
                    out.put(',');
                }
                out.ascii("\"thinking\":").ascii(THINKING_DISABLED);
            }
            out.put('}');
        }

        private void requestMember(String name, JsonSpan value, RouteConfig route) {
            switch (name) {
                case "model" -> {
                    if (route.modelId().isEmpty()) {
                        value(value);
                    } else {
                        out.string(route.modelId());
                    }
                }
                case "system" -> eachBlock(value);
                case "tools" -> tools(value, route.tools());
                case "messages" -> messages(value, route.thinking());
                case "thinking" -> {
                    if (route.disableThinking()) {
                        out.ascii(THINKING_DISABLED);
                    } else {
                        value(value);
                    }
                }
                default -> value(value);
            }
        }

        /**
         * Writes the members of {@code object} that {@code strip-fields} keeps, as {@code key:value}
         * pairs with {@code valueWriter} writing each value (no braces); answers how many it wrote.
         */
        private int keptMembers(JsonSpan object, Predicate<JsonSpan> skip, BiConsumer<JsonSpan, JsonSpan> valueWriter) {
            int written = 0;
            for (int i = 0; i < object.size(); i++) {
                JsonSpan key = object.key(i);
                if (skip.test(key)) {
                    continue;
                }
                if (written++ > 0) {
                    out.put(',');
                }
                value(key);
                out.put(':');
                valueWriter.accept(key, object.value(i));
            }
            return written;
        }

        private boolean hasKeptMember(JsonSpan object, String name) {
            for (int i = 0; i < object.size(); i++) {
                JsonSpan key = object.key(i);
                if (key.stringEquals(name) && !stripsTopLevel(key)) {
                    return true;
                }
            }
            return false;
        }

        /** Any value as it is, in compact form ({@link JsonWriter#value}). */
        private void value(JsonSpan value) {
            out.value(value);
        }

        /** The fields removed from each object element of a list ({@code system}, {@code tools}). */
        private void eachBlock(JsonSpan list) {
            if (fields.isEmpty() || !list.isArray()) {
                value(list);
                return;
            }
            eachElement(list, this::contentBlock);
        }

        /**
         * {@code tools} under the route's {@link ToolPolicy}: entries of a type the provider
         * rejects left out, then at most {@code max-tools} of the rest, in the client's order.
         */
        private void tools(JsonSpan tools, ToolPolicy policy) {
            if (policy.keepsAll() || !tools.isArray()) {
                eachBlock(tools);
                return;
            }
            int limit = policy.maxTools() == 0 ? Integer.MAX_VALUE : policy.maxTools();
            int kept = 0;
            out.put('[');
            for (int i = 0; i < tools.size() && kept < limit; i++) {
                JsonSpan tool = tools.value(i);
                if (tool.isObject() && policy.drops(tool.stringMember("type"))) {
                    continue;
                }
                if (kept++ > 0) {
                    out.put(',');
                }
                if (tool.isObject()) {
                    contentBlock(tool);
                } else {
                    value(tool);
                }
            }
            out.put(']');
        }

        /** The fields removed from a block, and from the blocks of a tool_result's content list. */
        private void contentBlock(JsonSpan block) {
            if (fields.isEmpty()) {
                value(block);
                return;
            }
            JsonSpan type = block.get("type");
            boolean toolResult = type != null && type.stringEquals("tool_result") && !fields.contains("type");
            out.put('{');
            keptMembers(block, strips, (key, value) -> {
                if (toolResult && value.isArray() && key.stringEquals("content")) {
                    eachElement(value, this::withoutFields);
                } else {
                    value(value);
                }
            });
            out.put('}');
        }

        /** Writes a list whose object elements go through {@code objectWriter} and the rest unchanged. */
        private void eachElement(JsonSpan list, Consumer<JsonSpan> objectWriter) {
            out.put('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                JsonSpan element = list.value(i);
                if (element.isObject()) {
                    objectWriter.accept(element);
                } else {
                    value(element);
                }
            }
            out.put(']');
        }

        private void withoutFields(JsonSpan object) {
            out.put('{');
            keptMembers(object, strips, (key, value) -> value(value));
            out.put('}');
        }

        private void messages(JsonSpan messages, ThinkingPolicy policy) {
            if (!messages.isArray()) {
                value(messages);
                return;
            }
            out.put('[');
            boolean first = true;
            for (int i = 0; i < messages.size(); i++) {
                JsonSpan message = messages.value(i);
                if (message.isObject() && dropped(message, policy)) {
                    continue;
                }
                if (!first) {
                    out.put(',');
                }
                first = false;
                if (message.isObject()) {
                    message(message, policy);
                } else {
                    value(message);
                }
            }
            out.put(']');
        }

        private static boolean placeholderTurn(JsonSpan message, ThinkingPolicy policy) {
            if (policy != ThinkingPolicy.PLACEHOLDER) {
                return false;
            }
            JsonSpan role = message.get("role");
            return role != null && role.stringEquals("assistant");
        }

        /** Whether the message held only thinking blocks, all stripped. */
        private static boolean dropped(JsonSpan message, ThinkingPolicy policy) {
            if (policy != ThinkingPolicy.STRIP) {
                return false; // preserve drops nothing; a placeholder turn keeps at least its placeholder
            }
            JsonSpan content = message.get("content");
            if (content == null || !content.isArray() || content.size() == 0) {
                return false;
            }
            for (int i = 0; i < content.size(); i++) {
                if (!ThinkingTypes.isHistoryThinking(content.value(i))) {
                    return false;
                }
            }
            return true;
        }

        /** A message that is not dropped: its content under the thinking policy, the rest as it is. */
        private void message(JsonSpan message, ThinkingPolicy policy) {
            boolean placeholderTurn = placeholderTurn(message, policy);
            boolean dropThinking = policy == ThinkingPolicy.STRIP || placeholderTurn;
            out.put('{');
            for (int i = 0; i < message.size(); i++) {
                if (i > 0) {
                    out.put(',');
                }
                JsonSpan key = message.key(i);
                value(key);
                out.put(':');
                JsonSpan value = message.value(i);
                if (!key.stringEquals("content")) {
                    value(value);
                } else if (value.isArray()) {
                    blocks(value, dropThinking, placeholderTurn);
                } else {
                    value(value);
                }
            }
            out.put('}');
        }

        private void blocks(JsonSpan blocks, boolean dropThinking, boolean placeholderFirst) {
            out.put('[');
            boolean first = true;
            if (placeholderFirst) {
                out.ascii(PLACEHOLDER);
                first = false;
            }
            for (int i = 0; i < blocks.size(); i++) {
                JsonSpan block = blocks.value(i);
                if (block.isObject() && dropThinking && ThinkingTypes.isHistoryThinking(block)) {
                    continue;
                }
                if (!first) {
                    out.put(',');
                }
                first = false;
                if (block.isObject()) {
                    contentBlock(block);
                } else {
                    value(block);
                }
            }
            out.put(']');
        }
    }
}
