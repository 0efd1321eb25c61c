package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.stream.AnthropicError;
import io.github.modelrouter.stream.BodyTransformer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A non-2xx answer of an OpenAI-format upstream as Anthropic's error envelope, the status kept:
 * the type is the one for the status (400 {@code invalid_request_error}, 401
 * {@code authentication_error}, 403 {@code permission_error}, 404 {@code not_found_error}, 413
 * {@code request_too_large}, 429 {@code rate_limit_error}, 503 and 529 {@code overloaded_error},
 * other 5xx {@code api_error}, other 4xx {@code invalid_request_error}) and the message the
 * upstream's: {@code error.message} (OpenAI, vLLM, Groq, OpenRouter), a string {@code error}
 * (Ollama), {@code message} or {@code detail}, else the start of the body as text. Headers such as
 * {@code retry-after} are the exchange's business and pass as for any answer.
 *
 * <p>The body is kept up to {@value #MAX_BODY_BYTES} bytes (an error is small; an HTML page from a
 * gateway is cut) and the envelope is written when it has ended.
 *
 * <p>Called by one thread at a time (the upstream I/O thread delivering chunks); never blocks.
 */
public final class OpenAiErrorTranslator implements BodyTransformer {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_TEXT_CHARS = 500;

    private final int status;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** @param status the upstream's HTTP status (kept for the client) */
    public OpenAiErrorTranslator(int status) {
        this.status = status;
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, Consumer<ByteBuffer> output) {
        int room = MAX_BODY_BYTES - body.size();
        byte[] bytes = new byte[input.remaining()];
        input.get(bytes);
        body.write(bytes, 0, Math.min(room, bytes.length));
        if (finished) {
            byte[] all = body.toByteArray();
            JsonSpan json = JsonScanner.tryParse(all, 0, all.length);
            AnthropicError error = json != null && json.isObject()
                    ? new AnthropicError(status, typeFor(status), messageOf(json, all))
                    : new AnthropicError(status, typeFor(status), textOf(all));
            output.accept(ByteBuffer.wrap(error.toJsonBytes()));
        }
    }

    /** Anthropic's error type for an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * An error object found inside a stream ({@code {"error":{…}}}): its status is the
     * {@code error.code} when that is an HTTP status (OpenRouter), else read from its type, else
     * {@code defaultStatus}.
     */
    static AnthropicError errorOf(JsonSpan chunk, int defaultStatus) {
        JsonSpan error = chunk.get("error");
        int status = defaultStatus;
        if (error != null && error.isObject()) {
            JsonSpan code = error.get("code");
            long numeric = code == null ? -1 : code.integer().orElse(-1);
            String type = error.stringMember("type");
            if (numeric >= 400 && numeric <= 599) {
                status = (int) numeric;
            } else if (type != null) {
                status = statusForType(type, defaultStatus);
            }
        }
        return new AnthropicError(status, typeFor(status), messageOf(chunk, null));
    }

    private static int statusForType(String type, int defaultStatus) {
        if (type.contains("rate_limit") || type.contains("quota")) {
            return 429;
        }
        if (type.contains("overloaded")) {
            return 529;
        }
        if (type.contains("invalid_request")) {
            return 400;
        }
        if (type.contains("authentication")) {
            return 401;
        }
        return defaultStatus;
    }

    private static String messageOf(JsonSpan json, byte[] raw) {
        JsonSpan error = json.get("error");
        String message = error != null && error.isObject() ? error.stringMember("message") : null;
        if (message == null && error != null && error.isString()) {
            message = error.string();
        }
        if (message == null) {
            message = json.stringMember("message");
        }
        if (message == null) {
            message = json.stringMember("detail");
        }
        if (message == null || message.isBlank()) {
            return raw == null ? "the upstream reported an error" : textOf(raw);
        }
        return message;
    }

    /** The start of a body as one line of text. */
    private static String textOf(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (text.isEmpty()) {
            return "the upstream answered without a message";
        }
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) + "…" : text;
    }
}
