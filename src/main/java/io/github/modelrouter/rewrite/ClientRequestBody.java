package io.github.modelrouter.rewrite;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The client's request body, parsed once and validated as far as routing needs (SPEC "Request
 * handling" step 3): a UTF-8 JSON object whose {@code model} is a non-empty string of at most
 * {@value #MAX_MODEL_CHARS} characters.
 *
 * <p>Immutable and thread-safe: the body keeps a private copy of the bytes and, from one strict
 * scan, the byte span of every value ({@link RawJson}), so the rewrite copies what it leaves
 * untouched; the JSON-P tree is built only when asked for, and is unmodifiable. The same body
 * can be rewritten for a route and again for its fallback. Numbers in the tree keep the client's exact text (see
 * {@link #json()}). Objects and arrays nested more than 512 levels deep are refused.
 */
public final class ClientRequestBody {

    /** Longest model name accepted, in Unicode code points. */
    public static final int MAX_MODEL_CHARS = 128;

    /** The body as received (a private copy), for {@link #json()} built on demand. */
    private final byte[] bytes;
    /** The spans of the body's values; {@code null} when only the tree-based rewrite applies. */
    private final RawJson raw;
    private final String model;
    private final boolean stream;
    private final int byteLength;
    private volatile JsonObject json;

    private ClientRequestBody(byte[] bytes, RawJson raw, JsonObject json, String model, boolean stream) {
        this.bytes = bytes;
        this.raw = raw;
        this.json = json;
        this.model = model;
        this.stream = stream;
        this.byteLength = bytes.length;
    }

    /**
     * Parses and validates a request body. Takes ownership of {@code body}: the rewrite later copies
     * spans of it, so the caller must not change the array afterwards (the servlet's body reader
     * hands over a fresh array; copying 100–300 KB again per request would be pure overhead).
     *
     * @throws InvalidRequestException when the bytes are not UTF-8, not JSON, not an object, nested
     *     too deeply, or {@code model} is missing, not a string, empty or too long
     */
    public static ClientRequestBody parse(byte[] body) {
        byte[] bytes = body;
        RawJson raw = RawJson.scan(bytes);
        if (raw == null) {
            // refused by the fast scanner: the tree reader says exactly why (or accepts it after all)
            JsonObject json = JsonTreeReader.readObject(bytes);
            String model = validModel(json.get("model"));
            JsonValue stream = json.get("stream");
            return new ClientRequestBody(bytes, null, json, model,
                    stream != null && stream.getValueType() == JsonValue.ValueType.TRUE);
        }
        String model = validModel(raw.get("model"));
        RawJson stream = raw.get("stream");
        return new ClientRequestBody(bytes, raw, null, model, stream != null && stream.kind == RawJson.TRUE);
    }

    private static String validModel(RawJson value) {
        if (value == null) {
            throw new InvalidRequestException("model: field required");
        }
        if (!value.isString()) {
            throw new InvalidRequestException("model must be a string");
        }
        return validModel(value.string());
    }

    private static String validModel(JsonValue value) {
        if (value == null) {
            throw new InvalidRequestException("model: field required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidRequestException("model must be a string");
        }
        return validModel(((JsonString) value).getString());
    }

    private static String validModel(String model) {
        if (model.isEmpty()) {
            throw new InvalidRequestException("model must not be empty");
        }
        if (model.length() > MAX_MODEL_CHARS && model.codePointCount(0, model.length()) > MAX_MODEL_CHARS) {
            throw new InvalidRequestException("model must be at most " + MAX_MODEL_CHARS + " characters");
        }
        return model;
    }

    /** The model the client asked for, as sent (routing matches on it). */
    public String model() {
        return model;
    }

    /** Whether the client asked for a stream: true only for the JSON literal {@code true}. */
    public boolean stream() {
        return stream;
    }

    /**
     * The whole body as an unmodifiable tree, members in the client's order. Its numbers'
     * {@code toString()} is the client's text ({@code 1e-7} stays {@code 1e-7}); their
     * {@code equals} follows {@code BigDecimal} as {@link jakarta.json.JsonNumber} specifies.
     */
    public JsonObject json() {
        JsonObject tree = json;
        if (tree == null) {
            tree = JsonTreeReader.readObject(bytes); // cannot fail: the scanner accepted these bytes
            json = tree;
        }
        return tree;
    }

    /** The spans of the body's values, or {@code null} when the rewrite must go through {@link #json()}. */
    RawJson raw() {
        return raw;
    }

    /** Size of the body as received, in bytes. */
    public int byteLength() {
        return byteLength;
    }

    /** Names the model and size only: the body may hold anything the user typed. */
    @Override
    public String toString() {
        return "ClientRequestBody[model=" + model + ", stream=" + stream + ", bytes=" + byteLength + "]";
    }
}
