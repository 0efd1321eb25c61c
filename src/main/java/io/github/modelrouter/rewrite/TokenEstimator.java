package io.github.modelrouter.rewrite;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The local answer to {@code count_tokens} (route {@code count-tokens=estimate}, or an upstream
 * that answers 404/405): a heuristic, not a tokenizer.
 *
 * <p>The estimate is {@code ceil(textBytes / 4)} plus {@value #IMAGE_TOKENS} per image block,
 * at least 1, where {@code textBytes} is the UTF-8 size of every string value, number and member
 * name inside {@code system}, {@code messages} and {@code tools} (member names count because tool
 * schemas are mostly structure, and the model reads them), except:
 * <ul>
 *   <li>{@code cache_control} members, which the model never sees;
 *   <li>string values of {@code signature} and {@code data}: opaque or base64 payloads (thinking
 *       signatures, redacted thinking, images, PDFs) whose size says nothing about their tokens;
 *   <li>string values of {@code type}, which are markup rather than text.
 * </ul>
 * Four bytes per token is the usual rule of thumb for English prose and code; dense CJK text
 * (three bytes a character, often a token each) is underestimated. Clients use the number to
 * decide when to compact their context, so a rough figure in the right range is what matters.
 */
public final class TokenEstimator {

    /** Flat charge for an image: Anthropic's cost for a full-size (about 1.15 megapixel) image. */
    public static final long IMAGE_TOKENS = 1600;

    private static final int BYTES_PER_TOKEN = 4;
    private static final Set<String> COUNTED = Set.of("system", "messages", "tools");
    private static final Set<String> UNCOUNTED_STRINGS = Set.of("signature", "data", "type");

    public TokenEstimator() {
    }

    /** The estimated input tokens of the request, at least 1. */
    public long estimateInputTokens(ClientRequestBody body) {
        Tally tally = new Tally();
        for (Map.Entry<String, JsonValue> member : body.json().entrySet()) {
            if (COUNTED.contains(member.getKey())) {
                tally.value(member.getValue());
            }
        }
        long tokens = (tally.bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN + tally.images * IMAGE_TOKENS;
        return Math.max(1, tokens);
    }

    /** The count_tokens answer, {@code {"input_tokens":N}}, as UTF-8 JSON. */
    public byte[] countTokensResponse(ClientRequestBody body) {
        return ("{\"input_tokens\":" + estimateInputTokens(body) + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** Walks one request; recursion is bounded by the parser's depth limit. */
    private static final class Tally {
        private long bytes;
        private long images;

        void value(JsonValue value) {
            switch (value.getValueType()) {
                case OBJECT -> object((JsonObject) value);
                case ARRAY -> {
                    for (JsonValue element : (JsonArray) value) {
                        value(element);
                    }
                }
                case STRING -> bytes += utf8Length(((JsonString) value).getString());
                case NUMBER -> bytes += value.toString().length();
                default -> { } // true, false, null: no text worth counting
            }
        }

        private void object(JsonObject object) {
            if ("image".equals(JsonValues.stringField(object, "type"))) {
                images++;
            }
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                String name = member.getKey();
                if (name.equals("cache_control")) {
                    continue;
                }
                bytes += utf8Length(name);
                JsonValue value = member.getValue();
                // only string values are skipped: a schema may have a property named "type" or "data"
                if (!(value instanceof JsonString && UNCOUNTED_STRINGS.contains(name))) {
                    value(value);
                }
            }
        }
    }

    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
