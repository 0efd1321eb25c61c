package io.github.modelrouter.rewrite;

import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * The JSON-P services the package shares, and small typed look-ups that never throw on input of
 * the wrong shape (a client may send {@code "content": 5}; the rewrite then leaves it alone).
 */
final class JsonValues {

    /**
     * Looked up once: {@code JsonProvider.provider()} runs a ServiceLoader scan on every call. The
     * provider and its factories are thread-safe and hold no per-request state.
     */
    static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());

    private JsonValues() {
    }

    static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /** The string value of {@code name} in {@code object}, or {@code null} when absent or not a string. */
    static String stringField(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString ? ((JsonString) value).getString() : null;
    }

    static boolean isObject(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT;
    }

    static boolean isArray(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.ARRAY;
    }

    static JsonObject asObject(JsonValue value) {
        return (JsonObject) value;
    }

    static JsonArray asArray(JsonValue value) {
        return (JsonArray) value;
    }
}
