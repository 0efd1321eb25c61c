package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;

/**
 * Anthropic {@code tools} and {@code tool_choice} as OpenAI's: each custom tool becomes
 * {@code {"type":"function","function":{"name","description","parameters"}}} with its
 * {@code input_schema} as the exact client bytes (when compact); {@code tool_choice}
 * {@code auto}/{@code any}/{@code tool}/{@code none} becomes {@code "auto"}/{@code "required"}/
 * {@code {"type":"function","function":{"name":…}}}/{@code "none"}, and
 * {@code disable_parallel_tool_use} becomes {@code "parallel_tool_calls":false}.
 *
 * <p>Anthropic's server tools ({@code web_search_…}, {@code bash_…} and the like: a {@code type}
 * other than {@code custom}, and no {@code input_schema}) have no function form and are left out;
 * with no tool left, neither {@code tools} nor {@code tool_choice} is sent (OpenAI refuses an empty
 * list, and a choice without tools). Stateless.
 */
final class OpenAiToolsWriter {

    private OpenAiToolsWriter() {
    }

    static void write(JsonWriter out, JsonSpan tools, JsonSpan toolChoice) {
        if (tools == null || !tools.isArray()) {
            return;
        }
        int written = 0;
        for (int i = 0; i < tools.size(); i++) {
            JsonSpan tool = tools.value(i);
            if (!isFunction(tool)) {
                continue;
            }
            out.ascii(written++ == 0 ? ",\"tools\":[" : ",");
            out.ascii("{\"type\":\"function\",\"function\":{\"name\":");
            out.value(tool.get("name"));
            JsonSpan description = tool.get("description");
            if (description != null && description.isString()) {
                out.ascii(",\"description\":");
                out.value(description);
            }
            out.ascii(",\"parameters\":");
            out.value(tool.get("input_schema"));
            out.ascii("}}");
        }
        if (written > 0) {
            out.put(']');
            toolChoice(out, toolChoice);
        }
    }

    private static boolean isFunction(JsonSpan tool) {
        if (!tool.isObject()) {
            return false;
        }
        JsonSpan name = tool.get("name");
        JsonSpan schema = tool.get("input_schema");
        JsonSpan type = tool.get("type");
        boolean custom = type == null || type.stringEquals("custom");
        return custom && name != null && name.isString() && !name.isEmptyString()
                && schema != null && schema.isObject();
    }

    private static void toolChoice(JsonWriter out, JsonSpan choice) {
        if (choice == null || !choice.isObject()) {
            return;
        }
        String type = choice.stringMember("type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "auto" -> out.ascii(",\"tool_choice\":\"auto\"");
            case "any" -> out.ascii(",\"tool_choice\":\"required\"");
            case "none" -> out.ascii(",\"tool_choice\":\"none\"");
            case "tool" -> {
                JsonSpan name = choice.get("name");
                if (name == null || !name.isString()) {
                    return;
                }
                out.ascii(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":");
                out.value(name);
                out.ascii("}}");
            }
            default -> {
                return; // a choice this version does not know: the provider's default (auto) applies
            }
        }
        JsonSpan disableParallel = choice.get("disable_parallel_tool_use");
        if (disableParallel != null && disableParallel.kind() == JsonSpan.Kind.TRUE && !type.equals("none")) {
            out.ascii(",\"parallel_tool_calls\":false");
        }
    }
}
