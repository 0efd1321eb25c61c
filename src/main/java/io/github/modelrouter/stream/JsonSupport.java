package io.github.modelrouter.stream;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * JSON-P access for the few places that need a real parse. The factories are created once because
 * {@code Json.createReader} looks the provider up on every call; they are immutable and
 * thread-safe (JSON-P guarantees it), so sharing them is not shared mutable state.
 */
final class JsonSupport {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonSupport() {
    }

    /** The object in bytes[from, to), or empty when it is not exactly one JSON object. */
    static Optional<JsonObject> readObject(byte[] bytes, int from, int to) {
        try (JsonReader reader = READERS.createReader(
                new ByteArrayInputStream(bytes, from, to - from), StandardCharsets.UTF_8)) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT
                    ? Optional.of(value.asJsonObject()) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Whether bytes[from, to) is exactly one well-formed JSON object. */
    static boolean isObject(byte[] bytes, int from, int to) {
        try (JsonParser parser = PARSERS.createParser(
                new ByteArrayInputStream(bytes, from, to - from), StandardCharsets.UTF_8)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return false;
            }
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
            return !parser.hasNext();
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return false;
        }
    }
}
