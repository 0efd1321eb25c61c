package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The test oracle of {@link RequestRewriter}: the same rules applied to a JSON-P tree read by
 * {@link JsonTreeReader} (lexical numbers) and written by {@link TreeWriter}. It shares no code
 * with the production rewrite's walk, so the differential tests compare two independent
 * implementations of one rule set byte for byte.
 */
final class TreeRequestRewriter {

    private final JsonObject thinkingDisabled = JsonValues.BUILDERS.createObjectBuilder()
            .add("type", "disabled").build();
    private final MessageHistory history = new MessageHistory();

    /** The tree-based rewrite of the body's bytes. */
    byte[] rewrite(ClientRequestBody body, RouteConfig route) {
        return TreeWriter.write(rewriteJson(Bodies.tree(body), route), body.byteLength());
    }

    private JsonObject rewriteJson(JsonObject request, RouteConfig route) {
        FieldStripper stripper = new FieldStripper(route.stripFields());
        JsonObjectBuilder out = JsonValues.BUILDERS.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : request.entrySet()) {
            String name = member.getKey();
            if (stripper.strips(name)) {
                continue;
            }
            JsonValue value = member.getValue();
            out.add(name, switch (name) {
                case "model" -> route.modelId().isEmpty() ? value : JsonValues.string(route.modelId());
                case "system", "tools" -> stripper.inEachBlock(value);
                case "messages" -> history.rewrite(value, route.thinking(), stripper);
                default -> value;
            });
        }
        if (route.disableThinking()) {
            out.add("thinking", thinkingDisabled); // replaces in place, or appends
        }
        return out.build();
    }
}
