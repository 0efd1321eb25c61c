package io.github.modelrouter.rewrite;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;

/**
 * Removes a route's {@code strip-fields} (by default {@code cache_control} and
 * {@code reasoning_effort}) from blocks: {@code system} blocks, {@code tools[]} entries and
 * message content blocks, including the blocks inside a {@code tool_result}'s content list (SDK
 * users put {@code cache_control} there too, and an upstream that rejects the field rejects it
 * at any depth). It never descends further: a tool's {@code input_schema} may legitimately have a
 * property called {@code cache_control}.
 *
 * <p>Copy on write: a block without any of the fields is returned as the same instance, so the
 * usual request, where only a few blocks carry {@code cache_control}, copies only those.
 */
final class FieldStripper {

    private final Set<String> fields;

    FieldStripper(Set<String> fields) {
        this.fields = fields;
    }

    /** Whether {@code name} is to be removed wherever this stripper applies. */
    boolean strips(String name) {
        return fields.contains(name);
    }

    /** {@code list} with the fields removed from each object element; non-lists are returned as they are. */
    JsonValue inEachBlock(JsonValue list) {
        if (fields.isEmpty() || !JsonValues.isArray(list)) {
            return list;
        }
        JsonArray blocks = JsonValues.asArray(list);
        JsonArrayBuilder out = null;
        for (int i = 0, n = blocks.size(); i < n; i++) {
            JsonValue block = blocks.get(i);
            JsonValue stripped = JsonValues.isObject(block) ? fromContentBlock(JsonValues.asObject(block)) : block;
            if (out == null && stripped != block) {
                out = JsonValues.BUILDERS.createArrayBuilder();
                for (int j = 0; j < i; j++) {
                    out.add(blocks.get(j));
                }
            }
            if (out != null) {
                out.add(stripped);
            }
        }
        return out == null ? list : out.build();
    }

    /** A content block without the fields, also inside a {@code tool_result}'s content list. */
    JsonObject fromContentBlock(JsonObject block) {
        if (fields.isEmpty()) {
            return block;
        }
        JsonObject stripped = fromObject(block);
        if (!"tool_result".equals(JsonValues.stringField(stripped, "type"))) {
            return stripped;
        }
        JsonValue content = stripped.get("content");
        JsonValue strippedContent = inEachNestedBlock(content);
        if (strippedContent == content) {
            return stripped;
        }
        return JsonValues.BUILDERS.createObjectBuilder(stripped).add("content", strippedContent).build();
    }

    /** The object without the fields at its own level; the same instance when it has none of them. */
    JsonObject fromObject(JsonObject object) {
        if (!containsAny(object)) {
            return object;
        }
        JsonObjectBuilder out = JsonValues.BUILDERS.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!fields.contains(member.getKey())) {
                out.add(member.getKey(), member.getValue());
            }
        }
        return out.build();
    }

    /** Like {@link #inEachBlock} but one level only: tool_result content holds no further tool_results. */
    private JsonValue inEachNestedBlock(JsonValue list) {
        if (!JsonValues.isArray(list)) {
            return list;
        }
        JsonArray blocks = JsonValues.asArray(list);
        boolean changed = false;
        JsonArrayBuilder out = JsonValues.BUILDERS.createArrayBuilder();
        for (JsonValue block : blocks) {
            JsonValue stripped = JsonValues.isObject(block) ? fromObject(JsonValues.asObject(block)) : block;
            changed |= stripped != block;
            out.add(stripped);
        }
        return changed ? out.build() : list;
    }

    private boolean containsAny(JsonObject object) {
        // the field set is tiny (two by default) and blocks have few members: probe the set's members
        for (String field : fields) {
            if (object.containsKey(field)) {
                return true;
            }
        }
        return false;
    }
}
