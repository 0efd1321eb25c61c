package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@link RequestRewriter}'s work done on the client's bytes ({@link RawJson}) rather than on a
 * JSON-P tree: subtrees the route leaves alone are copied as they came in when they are already in
 * the writer's compact form, and everything else is written by {@link JsonBytesWriter}. The
 * output is byte for byte the tree-based rewrite's (see {@link RequestRewriter} for the rules;
 * {@link FieldStripper} and {@link MessageHistory} are their tree-based form).
 *
 * <p>One instance writes one request, on one thread.
 */
final class SplicingRewriter {

    private static final String PLACEHOLDER = "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}";
    private static final String THINKING_DISABLED = "{\"type\":\"disabled\"}";

    private final JsonBytesWriter out;
    private final Set<String> fields;

    private SplicingRewriter(int sizeHint, Set<String> fields) {
        this.out = new JsonBytesWriter(sizeHint);
        this.fields = fields;
    }

    static byte[] rewrite(RawJson request, RouteConfig route, int sizeHint) {
        SplicingRewriter writer = new SplicingRewriter(sizeHint, route.stripFields());
        writer.request(request, route);
        return writer.out.toBytes();
    }

    private boolean strips(RawJson key) {
        return !fields.isEmpty() && fields.contains(key.string());
    }

    private void request(RawJson request, RouteConfig route) {
        out.put('{');
        int written = keptMembers(request, (key, value) -> requestMember(key.string(), value, route));
        if (route.disableThinking() && !hasKeptMember(request, "thinking")) {
            if (written > 0) {
                out.put(',');
            }
            out.ascii("\"thinking\":");
            out.ascii(THINKING_DISABLED);
        }
        out.put('}');
    }

    private void requestMember(String name, RawJson value, RouteConfig route) {
        switch (name) {
            case "model" -> {
                if (route.modelId().isEmpty()) {
                    value(value);
                } else {
                    out.string(route.modelId());
                }
            }
            case "system", "tools" -> eachBlock(value);
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
    private int keptMembers(RawJson object, BiConsumer<RawJson, RawJson> valueWriter) {
        int written = 0;
        for (int i = 0; i < object.keys.length; i++) {
            RawJson key = object.keys[i];
            if (strips(key)) {
                continue;
            }
            if (written++ > 0) {
                out.put(',');
            }
            key(key);
            out.put(':');
            valueWriter.accept(key, object.values[i]);
        }
        return written;
    }

    private boolean hasKeptMember(RawJson object, String name) {
        for (RawJson key : object.keys) {
            if (key.stringEquals(name) && !strips(key)) {
                return true;
            }
        }
        return false;
    }

    /** Any value as it is: raw when already in the writer's form, else re-encoded. */
    private void value(RawJson value) {
        if (value.canonical) {
            out.raw(value.sourceBytes(), value.start, value.end);
            return;
        }
        switch (value.kind) {
            case RawJson.OBJECT -> {
                out.put('{');
                for (int i = 0; i < value.keys.length; i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    key(value.keys[i]);
                    out.put(':');
                    value(value.values[i]);
                }
                out.put('}');
            }
            case RawJson.ARRAY -> {
                out.put('[');
                for (int i = 0; i < value.values.length; i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    value(value.values[i]);
                }
                out.put(']');
            }
            case RawJson.STRING -> out.string(value.string());
            default -> out.raw(value.sourceBytes(), value.start, value.end); // numbers and literals
        }
    }

    private void key(RawJson key) {
        value(key);
    }

    /** FieldStripper.inEachBlock: the fields removed from each object element of a list. */
    private void eachBlock(RawJson list) {
        if (fields.isEmpty() || !list.isArray()) {
            value(list);
            return;
        }
        eachElement(list, this::contentBlock);
    }

    /** FieldStripper.fromContentBlock: the fields removed, also inside a tool_result's content list. */
    private void contentBlock(RawJson block) {
        if (fields.isEmpty()) {
            value(block);
            return;
        }
        RawJson type = block.get("type");
        boolean toolResult = type != null && type.stringEquals("tool_result") && !fields.contains("type");
        out.put('{');
        keptMembers(block, (key, value) -> {
            if (toolResult && value.isArray() && key.stringEquals("content")) {
                nestedBlocks(value);
            } else {
                value(value);
            }
        });
        out.put('}');
    }

    /** FieldStripper.inEachNestedBlock: one level, each object element stripped at its own level. */
    private void nestedBlocks(RawJson list) {
        eachElement(list, this::withoutFields);
    }

    /** Writes a list whose object elements go through {@code objectWriter} and the rest unchanged. */
    private void eachElement(RawJson list, Consumer<RawJson> objectWriter) {
        out.put('[');
        for (int i = 0; i < list.values.length; i++) {
            if (i > 0) {
                out.put(',');
            }
            RawJson element = list.values[i];
            if (element.isObject()) {
                objectWriter.accept(element);
            } else {
                value(element);
            }
        }
        out.put(']');
    }

    /** FieldStripper.fromObject. */
    private void withoutFields(RawJson object) {
        out.put('{');
        keptMembers(object, (key, value) -> value(value));
        out.put('}');
    }

    /** MessageHistory.rewrite. */
    private void messages(RawJson messages, ThinkingPolicy policy) {
        if (!messages.isArray()) {
            value(messages);
            return;
        }
        out.put('[');
        boolean first = true;
        for (RawJson message : messages.values) {
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

    private static boolean placeholderTurn(RawJson message, ThinkingPolicy policy) {
        if (policy != ThinkingPolicy.PLACEHOLDER) {
            return false;
        }
        RawJson role = message.get("role");
        return role != null && role.stringEquals("assistant");
    }

    /** Whether the message held only thinking blocks, all stripped. */
    private static boolean dropped(RawJson message, ThinkingPolicy policy) {
        if (policy != ThinkingPolicy.STRIP) {
            return false; // preserve drops nothing; a placeholder turn keeps at least its placeholder
        }
        RawJson content = message.get("content");
        if (content == null || !content.isArray() || content.size() == 0) {
            return false;
        }
        for (RawJson block : content.values) {
            if (!block.isObject() || !isThinking(block)) {
                return false;
            }
        }
        return true;
    }

    static boolean isThinking(RawJson block) {
        RawJson type = block.get("type");
        return type != null && type.isString() && MessageHistory.THINKING_TYPES.contains(type.string());
    }

    /** MessageHistory.rewriteMessage, for a message that is not dropped. */
    private void message(RawJson message, ThinkingPolicy policy) {
        boolean placeholderTurn = placeholderTurn(message, policy);
        boolean dropThinking = policy == ThinkingPolicy.STRIP || placeholderTurn;
        out.put('{');
        for (int i = 0; i < message.keys.length; i++) {
            if (i > 0) {
                out.put(',');
            }
            RawJson key = message.keys[i];
            key(key);
            out.put(':');
            RawJson value = message.values[i];
            if (!key.stringEquals("content")) {
                value(value);
            } else if (value.isArray()) {
                blocks(value, dropThinking, placeholderTurn);
            } else if (placeholderTurn && value.isString()) {
                out.put('[');
                out.ascii(PLACEHOLDER);
                if (value.end - value.start > 2) { // not the empty string
                    out.ascii(",{\"type\":\"text\",\"text\":");
                    value(value);
                    out.put('}');
                }
                out.put(']');
            } else {
                value(value);
            }
        }
        out.put('}');
    }

    /** MessageHistory.rewriteBlocks. */
    private void blocks(RawJson blocks, boolean dropThinking, boolean placeholderFirst) {
        out.put('[');
        boolean first = true;
        if (placeholderFirst) {
            out.ascii(PLACEHOLDER);
            first = false;
        }
        for (RawJson block : blocks.values) {
            if (!block.isObject()) {
                if (!first) {
                    out.put(',');
                }
                first = false;
                value(block);
                continue;
            }
            if (dropThinking && isThinking(block)) {
                continue;
            }
            if (!first) {
                out.put(',');
            }
            first = false;
            contentBlock(block);
        }
        out.put(']');
    }
}
