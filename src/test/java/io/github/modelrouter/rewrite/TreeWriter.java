package io.github.modelrouter.rewrite;

import io.github.modelrouter.json.JsonWriter;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Writes a JSON-P tree as compact UTF-8 JSON through the production {@link JsonWriter} (so the
 * string escaping compared is the one the router uses); numbers with {@code toString()}, which for
 * {@link LexicalJsonNumber} is the client's text. Recursive: trees come from
 * {@link JsonTreeReader}, which bounds their depth.
 */
final class TreeWriter {

    private final JsonWriter out;

    private TreeWriter(int sizeHint) {
        this.out = new JsonWriter(sizeHint);
    }

    /** The tree as UTF-8 JSON; {@code sizeHint} is the expected size. */
    static byte[] write(JsonValue value, int sizeHint) {
        TreeWriter writer = new TreeWriter(sizeHint);
        writer.value(value);
        return writer.out.toByteArray();
    }

    private void value(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
            case STRING -> out.string(((JsonString) value).getString());
            case NUMBER -> out.ascii(value.toString());
            case TRUE -> out.ascii("true");
            case FALSE -> out.ascii("false");
            case NULL -> out.ascii("null");
        }
    }

    private void object(JsonObject object) {
        out.put('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                out.put(',');
            }
            first = false;
            out.string(member.getKey()).put(':');
            value(member.getValue());
        }
        out.put('}');
    }

    private void array(JsonArray array) {
        out.put('[');
        for (int i = 0, n = array.size(); i < n; i++) {
            if (i > 0) {
                out.put(',');
            }
            value(array.get(i));
        }
        out.put(']');
    }
}
