package io.github.modelrouter.rewrite;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a request body into a JSON-P tree whose numbers are {@link LexicalJsonNumber}s.
 *
 * <p>Built from {@link JsonParser} events with an explicit stack, so depth costs heap, not Java
 * stack; nesting beyond {@link #MAX_DEPTH} is refused anyway, which bounds the recursion of
 * everything that later walks the tree (writer, estimator) and stays below Parsson's own default
 * limit of 1000 so the client always gets the same message.
 */
final class JsonTreeReader {

    /** Deepest nesting of objects and arrays accepted; real requests stay below 20. */
    static final int MAX_DEPTH = io.github.modelrouter.json.JsonScanner.MAX_DEPTH;

    private static final int MAX_REASON_CHARS = 160;

    private JsonTreeReader() {
    }

    /** The body as a JSON object, or {@link InvalidRequestException} saying why not. */
    static JsonObject readObject(byte[] body) {
        String text = decodeUtf8(body);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // RFC 8259 §8.1: a parser may ignore a byte order mark
        }
        if (isBlank(text)) {
            throw new InvalidRequestException("request body is not valid JSON: empty body");
        }
        try (JsonParser parser = JsonValues.PARSERS.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidRequestException("request body must be a JSON object");
            }
            JsonObject root = readTree(parser);
            parser.hasNext(); // throws when anything but whitespace follows the object
            return root;
        } catch (JsonException e) { // JsonParsingException included
            throw invalidJson(e.getMessage());
        }
    }

    /**
     * The body as text. {@code new String} is several times faster than a strict
     * {@code CharsetDecoder} but replaces malformed input with U+FFFD; so the strict decoder runs
     * only when a U+FFFD shows up, to tell a client's own U+FFFD from a body that is not UTF-8
     * (refused, never silently altered).
     */
    private static String decodeUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body));
            } catch (CharacterCodingException e) {
                throw new InvalidRequestException("request body is not valid UTF-8");
            }
        }
        return text;
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Reads from just after the root's START_OBJECT to its END_OBJECT. */
    private static JsonObject readTree(JsonParser parser) {
        Deque<Container> open = new ArrayDeque<>();
        open.push(new ObjectContainer());
        while (true) {
            JsonParser.Event event = parser.next();
            Container top = open.peek();
            switch (event) {
                case KEY_NAME -> ((ObjectContainer) top).key = parser.getString();
                case VALUE_STRING -> top.add(JsonValues.string(parser.getString()));
                // getString() on a number is its lexical text: the whole point of this reader
                case VALUE_NUMBER -> top.add(new LexicalJsonNumber(parser.getString()));
                case VALUE_TRUE -> top.add(JsonValue.TRUE);
                case VALUE_FALSE -> top.add(JsonValue.FALSE);
                case VALUE_NULL -> top.add(JsonValue.NULL);
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new InvalidRequestException(
                                "request body nesting too deep (more than " + MAX_DEPTH + " levels)");
                    }
                    open.push(event == JsonParser.Event.START_OBJECT ? new ObjectContainer() : new ArrayContainer());
                }
                case END_OBJECT, END_ARRAY -> {
                    JsonValue done = open.pop().build();
                    if (open.isEmpty()) {
                        return (JsonObject) done;
                    }
                    open.peek().add(done);
                }
            }
        }
    }

    private static InvalidRequestException invalidJson(String reason) {
        String shortReason = reason == null ? "malformed" : reason;
        if (shortReason.length() > MAX_REASON_CHARS) {
            shortReason = shortReason.substring(0, MAX_REASON_CHARS) + "…";
        }
        return new InvalidRequestException("request body is not valid JSON: " + shortReason);
    }

    /** An object or array being filled while its members are read. */
    private abstract static class Container {
        abstract void add(JsonValue value);

        abstract JsonValue build();
    }

    private static final class ObjectContainer extends Container {
        private final JsonObjectBuilder builder = JsonValues.BUILDERS.createObjectBuilder();
        private String key;

        @Override
        void add(JsonValue value) {
            builder.add(key, value);
        }

        @Override
        JsonValue build() {
            return builder.build();
        }
    }

    private static final class ArrayContainer extends Container {
        private final JsonArrayBuilder builder = JsonValues.BUILDERS.createArrayBuilder();

        @Override
        void add(JsonValue value) {
            builder.add(value);
        }

        @Override
        JsonValue build() {
            return builder.build();
        }
    }
}
