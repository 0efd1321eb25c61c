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

    /** The router's own errors: each Anthropic error type with the status the router answers it with. */
    public enum Type {
        INVALID_REQUEST(400, "invalid_request_error"),
        AUTHENTICATION(401, "authentication_error"),
        PERMISSION(403, "permission_error"),
        NOT_FOUND(404, "not_found_error"),
        REQUEST_TIMEOUT(408, "timeout_error"),
        REQUEST_TOO_LARGE(413, "request_too_large"),
        UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error"),
        RATE_LIMIT(429, "rate_limit_error"),
        API_ERROR(502, "api_error"),
        OVERLOADED(503, "overloaded_error"),
        TIMEOUT(504, "timeout_error");

        private final int status;
        private final String wireName;

        Type(int status, String wireName) {
            this.status = status;
            this.wireName = wireName;
        }

        /** This error with {@code message}. */
        public AnthropicError error(String message) {
            return new AnthropicError(status, wireName, message);
        }
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
