package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes OpenAI's {@code messages} list from Anthropic's {@code system} and {@code messages}:
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks, joined by a blank line) is the first
 *       {@code system} message; a {@code "role":"system"} entry of {@code messages} stays a
 *       {@code system} message where it stands;
 *   <li>a user turn's {@code tool_result} blocks become {@code tool} messages with
 *       {@code tool_call_id}, in order, before the rest of the turn; their text is the message
 *       content ({@code is_error} results start with {@code "Error: "}, OpenAI having no flag for
 *       it), their images join the user message that follows, since most providers accept only
 *       text in a {@code tool} message;
 *   <li>the rest of a user turn is one {@code user} message: a string when it is text only (the
 *       blocks joined by a newline; some providers accept only strings), else content parts
 *       ({@code text}, and {@code image_url} with a {@code data:} URL for base64 sources or the
 *       source's URL);
 *   <li>an assistant turn is one {@code assistant} message: its text as {@code content}
 *       ({@code null} when it has none), its {@code tool_use} blocks as {@code tool_calls} with the
 *       input as JSON text; its thinking blocks are dropped, and a turn left with nothing is
 *       left out (providers refuse empty assistant messages).
 * </ul>
 * Blocks without a Chat Completions counterpart (documents, server tool results) are left out.
 *
 * <p>One instance writes one list, on one thread.
 */
final class OpenAiMessagesWriter {

    private final JsonWriter out;
    private int written;

    OpenAiMessagesWriter(JsonWriter out) {
        this.out = out;
    }

    void write(JsonSpan system, JsonSpan messages) {
        out.put('[');
        if (system != null) {
            systemMessage(system, "\n\n");
        }
        if (messages != null && messages.isArray()) {
            for (int i = 0; i < messages.size(); i++) {
                JsonSpan message = messages.value(i);
                if (message.isObject()) {
                    message(message);
                }
            }
        }
        out.put(']');
    }

    private void message(JsonSpan message) {
        String role = message.stringMember("role");
        JsonSpan content = message.get("content");
        if (role == null || content == null) {
            return;
        }
        switch (role) {
            case "user" -> user(content);
            case "assistant" -> assistant(content);
            case "system" -> systemMessage(content, "\n");
            default -> {
                // no other role exists in Anthropic's API; a client's typo is not forwarded
            }
        }
    }

    private void begin(String role) {
        if (written++ > 0) {
            out.put(',');
        }
        out.ascii("{\"role\":\"").ascii(role).ascii("\",\"content\":");
    }

    private void systemMessage(JsonSpan content, String separator) {
        List<JsonSpan> texts = ContentParts.texts(content);
        if (!texts.isEmpty()) {
            begin("system");
            ContentParts.joinedText(out, texts, separator);
            out.put('}');
        }
    }

    private void user(JsonSpan content) {
        if (content.isString()) {
            begin("user");
            out.raw(content);
            out.put('}');
            return;
        }
        if (!content.isArray()) {
            return;
        }
        List<JsonSpan> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonSpan block = content.value(i);
            if (ContentParts.isType(block, "tool_result")) {
                toolMessage(block, parts);
            }
        }
        for (int i = 0; i < content.size(); i++) {
            JsonSpan block = content.value(i);
            if (ContentParts.isType(block, "text") || ContentParts.isImage(block)) {
                parts.add(block);
            }
        }
        if (!parts.isEmpty()) {
            begin("user");
            ContentParts.userContent(out, parts);
            out.put('}');
        }
    }

    /** One {@code tool} message; the result's images are added to {@code userParts}. */
    private void toolMessage(JsonSpan result, List<JsonSpan> userParts) {
        JsonSpan id = result.get("tool_use_id");
        if (id == null || !id.isString()) {
            return;
        }
        if (written++ > 0) {
            out.put(',');
        }
        out.ascii("{\"role\":\"tool\",\"tool_call_id\":");
        out.value(id);
        out.ascii(",\"content\":");
        JsonSpan content = result.get("content");
        List<JsonSpan> texts = content == null ? List.of() : ContentParts.texts(content);
        JsonSpan isError = result.get("is_error");
        boolean error = isError != null && isError.kind() == JsonSpan.Kind.TRUE;
        if (error) {
            StringBuilder text = new StringBuilder("Error: ");
            texts.forEach(t -> text.append(t.string()).append('\n'));
            out.string(text.toString().strip());
        } else {
            ContentParts.joinedText(out, texts, "\n");
        }
        out.put('}');
        if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                if (ContentParts.isImage(content.value(i))) {
                    userParts.add(content.value(i));
                }
            }
        }
    }

    private void assistant(JsonSpan content) {
        if (content.isString()) {
            if (!content.isEmptyString()) {
                begin("assistant");
                out.raw(content);
                out.put('}');
            }
            return;
        }
        if (!content.isArray()) {
            return;
        }
        List<JsonSpan> texts = new ArrayList<>();
        List<JsonSpan> toolUses = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonSpan block = content.value(i);
            if (ContentParts.isType(block, "text") && block.get("text") != null && block.get("text").isString()) {
                texts.add(block.get("text"));
            } else if (ContentParts.isType(block, "tool_use") && block.get("id") != null && block.get("name") != null) {
                toolUses.add(block);
            }
        }
        if (texts.isEmpty() && toolUses.isEmpty()) {
            return;
        }
        begin("assistant");
        if (texts.isEmpty()) {
            out.ascii("null");
        } else {
            ContentParts.joinedText(out, texts, "\n");
        }
        if (!toolUses.isEmpty()) {
            toolCalls(toolUses);
        }
        out.put('}');
    }

    private void toolCalls(List<JsonSpan> toolUses) {
        out.ascii(",\"tool_calls\":[");
        for (int i = 0; i < toolUses.size(); i++) {
            JsonSpan toolUse = toolUses.get(i);
            if (i > 0) {
                out.put(',');
            }
            out.ascii("{\"id\":");
            out.value(toolUse.get("id"));
            out.ascii(",\"type\":\"function\",\"function\":{\"name\":");
            out.value(toolUse.get("name"));
            out.ascii(",\"arguments\":");
            JsonSpan input = toolUse.get("input");
            out.string(input == null ? "{}" : CompactJson.text(input));
            out.ascii("}}");
        }
        out.put(']');
    }
}
