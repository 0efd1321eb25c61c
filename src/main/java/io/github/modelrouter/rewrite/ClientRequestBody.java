package io.github.modelrouter.rewrite;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The client's request body, parsed once and validated as far as routing needs (SPEC "Request
 * handling" step 3): a UTF-8 JSON object whose {@code model} is a non-empty string of at most
 * {@value #MAX_MODEL_CHARS} characters.
 *
 * <p>Immutable and thread-safe: the tree is unmodifiable, so the same body can be rewritten for a
 * route and again for its fallback. Numbers in the tree keep the client's exact text (see
 * {@link #json()}). Objects and arrays nested more than 512 levels deep are refused.
 */
public final class ClientRequestBody {

    /** Longest model name accepted, in Unicode code points. */
    public static final int MAX_MODEL_CHARS = 128;

    private final JsonObject json;
    private final String model;
    private final boolean stream;
    private final int byteLength;

    private ClientRequestBody(JsonObject json, String model, boolean stream, int byteLength) {
        this.json = json;
        this.model = model;
        this.stream = stream;
        this.byteLength = byteLength;
    }

    /**
     * Parses and validates a request body.
     *
     * @throws InvalidRequestException when the bytes are not UTF-8, not JSON, not an object, nested
     *     too deeply, or {@code model} is missing, not a string, empty or too long
     */
    public static ClientRequestBody parse(byte[] body) {
        JsonObject json = JsonTreeReader.readObject(body);
        String model = validModel(json.get("model"));
        JsonValue stream = json.get("stream");
        return new ClientRequestBody(json, model, stream != null && stream.getValueType() == JsonValue.ValueType.TRUE,
                body.length);
    }

    private static String validModel(JsonValue value) {
        if (value == null) {
            throw new InvalidRequestException("model: field required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidRequestException("model must be a string");
        }
        String model = ((JsonString) value).getString();
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
        return json;
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
