package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * A client's JSON value as compact JSON text ({@link JsonWriter#value}): its own bytes when they
 * already are, numbers always as the client wrote them. Tool inputs go to an OpenAI upstream this
 * way, unchanged in meaning and, when compact, byte for byte. Stateless.
 */
final class CompactJson {

    private CompactJson() {
    }

    /** {@code value}'s compact JSON text (what OpenAI's {@code function.arguments} holds). */
    static String text(JsonSpan value) {
        if (value.canonical()) {
            return new String(value.source(), value.start(), value.end() - value.start(), StandardCharsets.UTF_8);
        }
        JsonWriter out = new JsonWriter(value.end() - value.start() + 16);
        out.value(value);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
