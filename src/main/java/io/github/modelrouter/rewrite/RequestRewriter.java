package io.github.modelrouter.rewrite;

import io.github.modelrouter.config.RouteConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Turns the client's body into the body a route's upstream accepts (SPEC "Request handling"
 * step 4), as a pure function of {@code (body, route)}:
 *
 * <ol>
 *   <li>{@code model} becomes the route's {@code model-id} when that is not empty, in place;
 *   <li>the route's {@code strip-fields} are removed at top level and from {@code system} blocks,
 *       message content blocks (and the blocks of a {@code tool_result}'s content) and
 *       {@code tools[]} entries;
 *   <li>the thinking policy is applied to {@code messages}: {@code preserve} leaves them;
 *       {@code strip} removes {@code thinking}, {@code redacted_thinking} and {@code reasoning}
 *       blocks from every message's content list and drops a message whose list held nothing
 *       else (upstreams reject empty content); {@code placeholder} gives every assistant message
 *       exactly one {@code {"type":"thinking","thinking":"","signature":""}} block first, in place of
 *       all its thinking blocks, turning string content into
 *       {@code [placeholder, {"type":"text","text":…}]} ({@code [placeholder]} for an empty string);
 *   <li>with {@code disable-thinking}, top-level {@code thinking} becomes {@code {"type":"disabled"}}:
 *       in the client's position when it sent one, else appended last.
 * </ol>
 * Everything else goes out as it came in: unknown fields, member order, {@code metadata},
 * {@code context_management}, {@code output_config}, {@code "role":"system"} messages, Unicode,
 * and numbers as the client wrote them. The output is compact JSON (the client's insignificant
 * whitespace is not kept).
 *
 * <p>Bodies the strict scanner of {@link ClientRequestBody} accepted (all valid JSON in practice)
 * are rewritten by {@link SplicingRewriter} straight from the client's bytes; the tree-based path
 * below is the reference it must match byte for byte, and serves any other body.
 *
 * <p>Stateless and thread-safe; one instance serves every request. The body is not modified, so
 * the same {@link ClientRequestBody} can be rewritten again for a fallback route.
 */
public final class RequestRewriter {

    private final JsonObject thinkingDisabled = JsonValues.BUILDERS.createObjectBuilder()
            .add("type", "disabled").build();
    private final MessageHistory history = new MessageHistory();

    public RequestRewriter() {
    }

    /** The UTF-8 JSON body to forward to {@code route}'s upstream. */
    public byte[] rewrite(ClientRequestBody body, RouteConfig route) {
        // output is usually a little smaller than the input (client whitespace, cache_control and
        // thinking gone); the slack covers placeholders and \\u-escaped input written back as UTF-8
        int sizeHint = body.byteLength() + body.byteLength() / 32 + 8192;
        RawJson raw = body.raw();
        if (raw != null) {
            // the usual case: untouched subtrees copied from the client's bytes, same output
            return SplicingRewriter.rewrite(raw, route, sizeHint);
        }
        return JsonBytesWriter.write(rewriteJson(body.json(), route), sizeHint);
    }

    /** The tree-based rewrite of any body: the reference {@link SplicingRewriter} must match. */
    byte[] rewriteFromTree(ClientRequestBody body, RouteConfig route) {
        int sizeHint = body.byteLength() + body.byteLength() / 32 + 8192;
        return JsonBytesWriter.write(rewriteJson(body.json(), route), sizeHint);
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
