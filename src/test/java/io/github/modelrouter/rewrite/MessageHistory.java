package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.json.ThinkingTypes;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Rewrites {@code messages}: the thinking policy on each message's content, and the stripped
 * fields in each content block. Messages and blocks it does not change are reused as they are.
 *
 * <ul>
 *   <li>{@code PRESERVE}: thinking blocks stay.
 *   <li>{@code STRIP}: {@code thinking}, {@code redacted_thinking} and {@code reasoning} blocks are
 *       removed from every message's content list. A message whose list held only such blocks is
 *       dropped as a whole: upstreams reject {@code "content": []}, and an empty text block too.
 *       (That leaves two user turns in a row, which the Messages API accepts and joins.)
 *   <li>{@code PLACEHOLDER}: every assistant message whose content is a list carries exactly one
 *       empty thinking block first, in place of all its thinking blocks. String content stays as
 *       it is: SPEC applies the policy to list contents only.
 * </ul>
 * Messages that are not objects, and contents that are neither lists nor strings, pass unchanged:
 * judging malformed requests is the upstream's job.
 */
final class MessageHistory {

    private final JsonObject placeholder = JsonValues.BUILDERS.createObjectBuilder()
            .add("type", "thinking").add("thinking", "").add("signature", "").build();

    /** The rewritten messages list; {@code messages} itself when nothing changed or it is not a list. */
    JsonValue rewrite(JsonValue messages, ThinkingPolicy policy, FieldStripper stripper) {
        if (!JsonValues.isArray(messages)) {
            return messages;
        }
        JsonArray list = JsonValues.asArray(messages);
        JsonArrayBuilder out = JsonValues.BUILDERS.createArrayBuilder();
        boolean changed = false;
        for (JsonValue message : list) {
            JsonValue rewritten = JsonValues.isObject(message)
                    ? rewriteMessage(JsonValues.asObject(message), policy, stripper) : message;
            changed |= rewritten != message;
            if (rewritten != null) {
                out.add(rewritten);
            }
        }
        return changed ? out.build() : messages;
    }

    /** The message rewritten, the same instance when unchanged, or {@code null} to drop it. */
    private JsonObject rewriteMessage(JsonObject message, ThinkingPolicy policy, FieldStripper stripper) {
        boolean placeholderTurn = policy == ThinkingPolicy.PLACEHOLDER
                && "assistant".equals(JsonValues.stringField(message, "role"));
        JsonValue content = message.get("content");
        JsonValue newContent;
        if (JsonValues.isArray(content)) {
            boolean dropThinking = policy == ThinkingPolicy.STRIP || placeholderTurn;
            JsonArray blocks = rewriteBlocks(JsonValues.asArray(content), dropThinking, placeholderTurn, stripper);
            if (blocks != null && blocks.isEmpty() && !JsonValues.asArray(content).isEmpty()) {
                return null; // held only thinking blocks, all stripped
            }
            newContent = blocks == null ? content : blocks;
        } else {
            newContent = content;
        }
        if (newContent == content) {
            return message;
        }
        return JsonValues.BUILDERS.createObjectBuilder(message).add("content", newContent).build();
    }

    /** The content list rewritten, or {@code null} when it is unchanged. */
    private JsonArray rewriteBlocks(JsonArray blocks, boolean dropThinking, boolean placeholderFirst,
                                    FieldStripper stripper) {
        JsonArrayBuilder out = JsonValues.BUILDERS.createArrayBuilder();
        // a placeholder turn always changes: even [placeholder, …] as sent is rebuilt, which is equal
        boolean changed = placeholderFirst;
        if (placeholderFirst) {
            out.add(placeholder);
        }
        for (JsonValue block : blocks) {
            if (!JsonValues.isObject(block)) {
                out.add(block);
                continue;
            }
            JsonObject object = JsonValues.asObject(block);
            if (dropThinking && isThinking(object)) {
                changed = true;
                continue;
            }
            JsonObject stripped = stripper.fromContentBlock(object);
            changed |= stripped != object;
            out.add(stripped);
        }
        return changed ? out.build() : null;
    }

    static boolean isThinking(JsonObject block) {
        String type = JsonValues.stringField(block, "type");
        return type != null && ThinkingTypes.isHistoryThinking(type);
    }
}
