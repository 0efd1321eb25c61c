package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * An error in Anthropic's wire shape, {@code {"type":"error","error":{"type":…,"message":…}}}:
 * as a JSON body (before the answer began) or as an SSE {@code event: error} (after).
 *
 * @param status HTTP status used when the answer has not begun
 * @param type Anthropic error type, e.g. {@code invalid_request_error}
 * @param message human-readable message; never contains a key
 */
public record AnthropicError(int status, String type, String message) {

    public static AnthropicError invalidRequest(String message) {
        return new AnthropicError(400, "invalid_request_error", message);
    }

    public static AnthropicError authentication(String message) {
        return new AnthropicError(401, "authentication_error", message);
    }

    public static AnthropicError notFound(String message) {
        return new AnthropicError(404, "not_found_error", message);
    }

    public static AnthropicError tooLarge(String message) {
        return new AnthropicError(413, "request_too_large", message);
    }

    public static AnthropicError rateLimited(String message) {
        return new AnthropicError(429, "rate_limit_error", message);
    }

    public static AnthropicError upstreamFailed(String message) {
        return new AnthropicError(502, "api_error", message);
    }

    public static AnthropicError overloaded(String message) {
        return new AnthropicError(503, "overloaded_error", message);
    }

    public static AnthropicError timeout(String message) {
        return new AnthropicError(504, "timeout_error", message);
    }

    /** The JSON envelope. */
    public String toJson() {
        return new String(toJsonBytes(), StandardCharsets.UTF_8);
    }

    /** The JSON envelope as UTF-8 bytes. */
    public byte[] toJsonBytes() {
        return envelope(new JsonWriter(message.length() + 64)).toByteArray();
    }

    /** The SSE event that reports this error after a stream has begun. */
    public byte[] toSseEvent() {
        JsonWriter event = new JsonWriter(message.length() + 96).ascii("event: error\ndata: ");
        return envelope(event).ascii("\n\n").toByteArray();
    }

    private JsonWriter envelope(JsonWriter out) {
        return out.ascii("{\"type\":\"error\",\"error\":{\"type\":").string(type)
                .ascii(",\"message\":").string(message).ascii("}}");
    }
}
