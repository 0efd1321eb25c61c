package io.github.modelrouter.stream;

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
        return "{\"type\":\"error\",\"error\":{\"type\":" + quote(type) + ",\"message\":" + quote(message) + "}}";
    }

    /** The JSON envelope as UTF-8 bytes. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** The SSE event that reports this error after a stream has begun. */
    public byte[] toSseEvent() {
        return ("event: error\ndata: " + toJson() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
