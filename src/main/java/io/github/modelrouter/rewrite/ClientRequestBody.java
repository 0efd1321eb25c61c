package io.github.modelrouter.rewrite;

import io.github.modelrouter.json.JsonScanner;
import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The client's request body, scanned once and validated as far as routing needs: a UTF-8
 * JSON object whose {@code model} is a non-empty string of at most
 * {@value #MAX_MODEL_CHARS} characters.
 *
 * <p>Immutable and thread-safe: the body owns the bytes it was given and, from one strict scan,
 * the span of every value ({@link JsonSpan}), which the rewrite and the token estimate walk. The
 * same body can be rewritten for a route and again for its fallback. Anything the scanner refuses
 * is a 400 ({@link InvalidRequestException}); there is no second parser to fall back on.
 *
 * @param spans the root object's span, over the client's bytes (read only)
 * @param model the model the client asked for, as sent (routing matches on it)
 * @param stream whether the client asked for a stream: true only for the JSON literal {@code true}
 */
public record ClientRequestBody(JsonSpan spans, String model, boolean stream) {

    /** Longest model name accepted, in Unicode code points. */
    public static final int MAX_MODEL_CHARS = 128;

    /**
     * Levels of the body scanned into spans at once: the request, {@code messages}, a message,
     * its {@code content} and a content block, the deepest the rewrite looks into on every route.
     * A tool's schema, a tool call's input or a tool result's blocks lie deeper; they are copied as
     * they came, and scanned into spans only where a route reads them (a tool result's blocks
     * under {@code strip-fields}, the OpenAI translation).
     */
    static final int EAGER_LEVELS = 5;

    /**
     * Scans and validates a request body. Takes ownership of {@code body}: the rewrite later copies
     * spans of it, so the caller must not change the array afterwards (the servlet's body reader
     * hands over a fresh array; copying 100–300 KB again per request would be pure overhead).
     *
     * @throws InvalidRequestException when the bytes are not UTF-8, not JSON, not an object, nested
     *     too deeply, hold too many values for their size, name a top-level member twice, or
     *     {@code model} is missing, not a string, empty or too long
     */
    public static ClientRequestBody parse(byte[] body) {
        JsonSpan root;
        try {
            root = JsonScanner.parse(body, EAGER_LEVELS);
        } catch (JsonSyntaxException e) {
            throw refusal(body, e);
        }
        if (!root.isObject()) {
            throw new InvalidRequestException("request body must be a JSON object");
        }
        refuseDuplicateMembers(root);
        String model = validModel(root.get("model"));
        JsonSpan stream = root.get("stream");
        return new ClientRequestBody(root, model, stream != null && stream.kind() == JsonSpan.Kind.TRUE);
    }

    /** The client's message for a body the scanner refused. */
    private static InvalidRequestException refusal(byte[] body, JsonSyntaxException e) {
        if (e.reason() == JsonSyntaxException.Reason.UTF8 || !isUtf8(body)) {
            // bytes that are not UTF-8 anywhere (inside a string or not) are named as such first
            return new InvalidRequestException("request body is not valid UTF-8");
        }
        return switch (e.reason()) {
            case TOO_DEEP -> new InvalidRequestException(
                    "request body nesting too deep (more than " + JsonScanner.MAX_DEPTH + " levels)");
            case TOO_MANY_VALUES -> new InvalidRequestException(
                    "request body holds too many JSON values for its size (" + e.getMessage() + ")");
            case EMPTY -> new InvalidRequestException("request body is not valid JSON: empty body");
            default -> startsWithAnotherValue(body)
                    ? new InvalidRequestException("request body must be a JSON object")
                    : new InvalidRequestException("request body is not valid JSON: " + e.getMessage());
        };
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Whether the first byte after a byte order mark and whitespace starts a JSON value other than
     * an object (an array, a string, a number, a literal): the client sent the wrong shape, and
     * saying so helps more than pointing at a syntax error further on.
     */
    private static boolean startsWithAnotherValue(byte[] body) {
        int p = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (p < body.length && (body[p] == ' ' || body[p] == '\t' || body[p] == '\n' || body[p] == '\r')) {
            p++;
        }
        if (p >= body.length) {
            return false;
        }
        byte c = body[p];
        return c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }

    /**
     * A top-level member named twice is refused. The scanner resolves repeats as the SDKs do (last
     * value wins) and the upstream gets each name once, but anything in front of the router (a
     * gateway, an audit log, a policy check) may read the first: routing or billing on one
     * {@code model} while another party saw a different one is a way around a restriction, and no
     * honest client repeats a member. Nested objects keep the documented last-value-wins.
     */
    private static void refuseDuplicateMembers(JsonSpan root) {
        if (root.namesRepeated()) {
            throw new InvalidRequestException("request body names a top-level member twice "
                    + "(model, stream and every other member must appear once)");
        }
    }

    private static String validModel(JsonSpan value) {
        if (value == null) {
            throw new InvalidRequestException("model: field required");
        }
        if (!value.isString()) {
            throw new InvalidRequestException("model must be a string");
        }
        String model = value.string();
        if (model.isEmpty()) {
            throw new InvalidRequestException("model must not be empty");
        }
        if (model.length() > MAX_MODEL_CHARS && model.codePointCount(0, model.length()) > MAX_MODEL_CHARS) {
            throw new InvalidRequestException("model must be at most " + MAX_MODEL_CHARS + " characters");
        }
        return model;
    }

    /** Size of the body as received, in bytes. */
    public int byteLength() {
        return spans.source().length;
    }

    /** Names the model and size only: the body may hold anything the user typed. */
    @Override
    public String toString() {
        return "ClientRequestBody[model=" + model + ", stream=" + stream + ", bytes=" + byteLength() + "]";
    }
}
