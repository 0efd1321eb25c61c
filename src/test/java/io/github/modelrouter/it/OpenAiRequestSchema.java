package io.github.modelrouter.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict check of an OpenAI Chat Completions request, as strict as the strictest providers
 * (OpenAI itself refuses unknown fields and unanswered tool calls): the fake OpenAI server refuses
 * any request this finds a problem in, with a 400 naming them, and unit tests assert on it.
 *
 * <p>Checks: only Chat Completions members, at every level (so no {@code cache_control},
 * {@code thinking}, {@code top_k} or other Anthropic-only member slips through); roles; content
 * shapes per role; tool calls ({@code id}, {@code type}, a name, arguments that are a JSON object's
 * text); each {@code tool} message answers a tool call of the assistant message right before it
 * (tool messages in between allowed) and every tool call is answered before the next other
 * message; tools and tool choice shapes; {@code stream_options} only with {@code stream:true}.
 */
public final class OpenAiRequestSchema {

    private static final Set<String> TOP = Set.of("model", "messages", "tools", "tool_choice", "parallel_tool_calls",
            "max_tokens", "temperature", "top_p", "stop", "user", "stream", "stream_options");

    private final List<String> problems = new ArrayList<>();

    private OpenAiRequestSchema() {
    }

    /** The problems of {@code body}; empty when it is a valid request. */
    public static List<String> problems(byte[] body) {
        OpenAiRequestSchema schema = new OpenAiRequestSchema();
        JsonObject request;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            request = reader.readObject();
        } catch (RuntimeException e) {
            return List.of("not a JSON object: " + e.getMessage());
        }
        schema.request(request);
        return schema.problems;
    }

    private void request(JsonObject request) {
        keys("request", request, TOP, Set.of("model", "messages"));
        if (!(request.get("model") instanceof JsonString model) || model.getString().isEmpty()) {
            problems.add("model must be a non-empty string");
        }
        messages(request.get("messages"));
        if (request.containsKey("tools")) {
            tools(request.get("tools"));
        } else if (request.containsKey("tool_choice") || request.containsKey("parallel_tool_calls")) {
            problems.add("tool_choice / parallel_tool_calls without tools");
        }
        if (request.containsKey("tool_choice")) {
            toolChoice(request.get("tool_choice"));
        }
        positiveInteger(request, "max_tokens");
        if (request.containsKey("temperature") && !(request.get("temperature") instanceof JsonNumber)) {
            problems.add("temperature must be a number");
        }
        if (request.containsKey("stop") && !(request.get("stop") instanceof JsonArray stop
                && !stop.isEmpty() && stop.size() <= 4 && stop.stream().allMatch(s -> s instanceof JsonString))) {
            problems.add("stop must be 1 to 4 strings");
        }
        if (request.containsKey("user") && !(request.get("user") instanceof JsonString)) {
            problems.add("user must be a string");
        }
        if (request.containsKey("stream_options")) {
            if (request.get("stream") != JsonValue.TRUE) {
                problems.add("stream_options is only allowed with stream: true");
            }
            if (request.get("stream_options") instanceof JsonObject options) {
                keys("stream_options", options, Set.of("include_usage"), Set.of());
            }
        }
    }

    private void messages(JsonValue value) {
        if (!(value instanceof JsonArray messages) || messages.isEmpty()) {
            problems.add("messages must be a non-empty array");
            return;
        }
        Set<String> unanswered = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof JsonObject message)) {
                problems.add("messages[" + i + "] is not an object");
                continue;
            }
            String where = "messages[" + i + "]";
            String role = message.getString("role", "");
            if (!role.equals("tool") && !unanswered.isEmpty()) {
                problems.add(where + " (" + role + ") comes before tool results for " + unanswered);
                unanswered.clear();
            }
            switch (role) {
                case "system" -> {
                    keys(where, message, Set.of("role", "content"), Set.of("role", "content"));
                    text(where, message.get("content"));
                }
                case "user" -> {
                    keys(where, message, Set.of("role", "content"), Set.of("role", "content"));
                    userContent(where, message.get("content"));
                }
                case "assistant" -> assistant(where, message, unanswered);
                case "tool" -> {
                    keys(where, message, Set.of("role", "content", "tool_call_id"), Set.of("role", "content", "tool_call_id"));
                    text(where, message.get("content"));
                    if (!unanswered.remove(message.getString("tool_call_id", ""))) {
                        problems.add(where + " answers no pending tool call: " + message.get("tool_call_id"));
                    }
                }
                default -> problems.add(where + " has role " + role);
            }
        }
        if (!unanswered.isEmpty()) {
            problems.add("tool calls never answered: " + unanswered);
        }
    }

    private void assistant(String where, JsonObject message, Set<String> unanswered) {
        keys(where, message, Set.of("role", "content", "tool_calls"), Set.of("role", "content"));
        JsonValue content = message.get("content");
        JsonValue calls = message.get("tool_calls");
        if (content == JsonValue.NULL) {
            if (!(calls instanceof JsonArray array) || array.isEmpty()) {
                problems.add(where + " has null content and no tool calls");
            }
        } else if (!(content instanceof JsonString string) || string.getString().isEmpty()) {
            problems.add(where + " content must be a non-empty string or null");
        }
        if (calls == null) {
            return;
        }
        if (!(calls instanceof JsonArray array) || array.isEmpty()) {
            problems.add(where + ".tool_calls must be a non-empty array");
            return;
        }
        for (JsonValue element : array) {
            if (!(element instanceof JsonObject call)) {
                problems.add(where + ".tool_calls has a non-object");
                continue;
            }
            keys(where + ".tool_calls[]", call, Set.of("id", "type", "function"), Set.of("id", "type", "function"));
            String id = call.getString("id", "");
            if (id.isEmpty() || !unanswered.add(id)) {
                problems.add(where + " tool call id empty or repeated: " + id);
            }
            if (!"function".equals(call.getString("type", ""))) {
                problems.add(where + " tool call type must be function");
            }
            if (call.get("function") instanceof JsonObject function) {
                keys(where + ".function", function, Set.of("name", "arguments"), Set.of("name", "arguments"));
                if (function.getString("name", "").isEmpty()) {
                    problems.add(where + " tool call without a name");
                }
                arguments(where, function.get("arguments"));
            }
        }
    }

    private void arguments(String where, JsonValue value) {
        if (!(value instanceof JsonString text)) {
            problems.add(where + " arguments must be a string");
            return;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text.getString()))) {
            reader.readObject();
        } catch (RuntimeException e) {
            problems.add(where + " arguments are not a JSON object: " + e.getMessage());
        }
    }

    private void userContent(String where, JsonValue content) {
        if (content instanceof JsonString) {
            return;
        }
        if (!(content instanceof JsonArray parts) || parts.isEmpty()) {
            problems.add(where + " content must be a string or a non-empty array of parts");
            return;
        }
        for (JsonValue element : parts) {
            if (!(element instanceof JsonObject part)) {
                problems.add(where + " has a non-object part");
                continue;
            }
            switch (part.getString("type", "")) {
                case "text" -> {
                    keys(where + " text part", part, Set.of("type", "text"), Set.of("type", "text"));
                    text(where, part.get("text"));
                }
                case "image_url" -> {
                    keys(where + " image part", part, Set.of("type", "image_url"), Set.of("type", "image_url"));
                    if (part.get("image_url") instanceof JsonObject image) {
                        keys(where + ".image_url", image, Set.of("url", "detail"), Set.of("url"));
                        String url = image.getString("url", "");
                        if (!(url.startsWith("data:image/") && url.contains(";base64,")) && !url.startsWith("http")) {
                            problems.add(where + " image url is neither a data: URL nor http(s)");
                        }
                    } else {
                        problems.add(where + " image_url must be an object");
                    }
                }
                default -> problems.add(where + " has a part of type " + part.get("type"));
            }
        }
    }

    private void text(String where, JsonValue content) {
        if (!(content instanceof JsonString)) {
            problems.add(where + " content must be a string");
        }
    }

    private void tools(JsonValue value) {
        if (!(value instanceof JsonArray tools) || tools.isEmpty()) {
            problems.add("tools must be a non-empty array");
            return;
        }
        Set<String> names = new HashSet<>();
        for (JsonValue element : tools) {
            if (!(element instanceof JsonObject tool) || !"function".equals(tool.getString("type", ""))
                    || !(tool.get("function") instanceof JsonObject function)) {
                problems.add("tools[] must be {\"type\":\"function\",\"function\":{…}}: " + element);
                continue;
            }
            keys("tools[]", tool, Set.of("type", "function"), Set.of("type", "function"));
            keys("tools[].function", function, Set.of("name", "description", "parameters"), Set.of("name", "parameters"));
            if (!names.add(function.getString("name", ""))) {
                problems.add("tool name repeated or empty: " + function.get("name"));
            }
            if (!(function.get("parameters") instanceof JsonObject)) {
                problems.add("tools[].function.parameters must be an object");
            }
        }
    }

    private void toolChoice(JsonValue choice) {
        if (choice instanceof JsonString string && Set.of("auto", "none", "required").contains(string.getString())) {
            return;
        }
        if (choice instanceof JsonObject object && "function".equals(object.getString("type", ""))
                && object.get("function") instanceof JsonObject function && !function.getString("name", "").isEmpty()) {
            return;
        }
        problems.add("tool_choice is not auto, none, required or a function: " + choice);
    }

    private void positiveInteger(JsonObject request, String name) {
        if (request.containsKey(name) && !(request.get(name) instanceof JsonNumber number
                && number.isIntegral() && number.longValue() > 0)) {
            problems.add(name + " must be a positive integer");
        }
    }

    private void keys(String where, JsonObject object, Set<String> allowed, Set<String> required) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(where + " has a member Chat Completions does not know: " + key);
            }
        }
        for (String key : required) {
            if (!object.containsKey(key)) {
                problems.add(where + " lacks " + key);
            }
        }
    }
}
