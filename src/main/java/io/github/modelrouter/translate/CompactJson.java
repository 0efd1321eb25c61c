package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes a client's JSON value in compact form: its own bytes when they already are
 * ({@link JsonSpan#canonical()}), else re-encoded from its parts, numbers always as the client wrote
 * them. Tool input schemas and tool inputs go to the upstream this way, unchanged in meaning and,
 * when compact, byte for byte. Stateless.
 */
final class CompactJson {

    private CompactJson() {
    }

    /** Writes {@code value} compactly to {@code out}. */
    static void write(JsonWriter out, JsonSpan value) {
        if (value.canonical()) {
            out.raw(value);
            return;
        }
        switch (value.kind()) {
            case OBJECT -> {
                out.put('{');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    write(out, value.key(i));
                    out.put(':');
                    write(out, value.value(i));
                }
                out.put('}');
            }
            case ARRAY -> {
                out.put('[');
                for (int i = 0; i < value.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    write(out, value.value(i));
                }
                out.put(']');
            }
            case STRING -> out.string(value.string());
            default -> out.raw(value);
        }
    }

    /** {@code value}'s compact JSON text (what OpenAI's {@code function.arguments} holds). */
    static String text(JsonSpan value) {
        if (value.canonical()) {
            return new String(value.source(), value.start(), value.end() - value.start(), StandardCharsets.UTF_8);
        }
        JsonWriter out = new JsonWriter(value.end() - value.start() + 16);
        write(out, value);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
