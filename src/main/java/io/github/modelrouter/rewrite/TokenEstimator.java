package io.github.modelrouter.rewrite;

import io.github.modelrouter.json.JsonSpan;
import java.nio.charset.StandardCharsets;
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

    /**
     * What one walk over the request finds.
     *
     * @param inputTokens the estimated input tokens, at least 1
     * @param images how many image blocks {@code system}, {@code messages} and {@code tools} hold
     */
    public record Estimate(long inputTokens, long images) {
    }

    /** The estimated input tokens of the request, at least 1. */
    public long estimateInputTokens(ClientRequestBody body) {
        return estimate(body).inputTokens();
    }

    /** The estimate and the image count, from one walk (routing rules ask for either). */
    public Estimate estimate(ClientRequestBody body) {
        JsonSpan request = body.spans();
        Tally tally = new Tally();
        for (int i = 0; i < request.size(); i++) {
            if (COUNTED.contains(request.key(i).string())) {
                tally.value(request.value(i));
            }
        }
        long tokens = (tally.bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN + tally.images * IMAGE_TOKENS;
        return new Estimate(Math.max(1, tokens), tally.images);
    }

    /** The count_tokens answer, {@code {"input_tokens":N}}, as UTF-8 JSON. */
    public byte[] countTokensResponse(ClientRequestBody body) {
        return ("{\"input_tokens\":" + estimateInputTokens(body) + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** Walks one request's spans; recursion is bounded by the scanner's depth limit. */
    private static final class Tally {
        private long bytes;
        private long images;

        void value(JsonSpan value) {
            switch (value.kind()) {
                case OBJECT -> object(value);
                case ARRAY -> {
                    for (int i = 0; i < value.size(); i++) {
                        value(value.value(i));
                    }
                }
                case STRING -> bytes += textBytes(value);
                case NUMBER -> bytes += value.end() - value.start();
                default -> { } // true, false, null: no text worth counting
            }
        }

        private void object(JsonSpan object) {
            if ("image".equals(object.stringMember("type"))) {
                images++;
            }
            for (int i = 0; i < object.size(); i++) {
                JsonSpan name = object.key(i);
                if (name.stringEquals("cache_control")) {
                    continue;
                }
                bytes += textBytes(name);
                JsonSpan value = object.value(i);
                // only string values are skipped: a schema may have a property named "type" or "data"
                if (!(value.isString() && UNCOUNTED_STRINGS.contains(name.string()))) {
                    value(value);
                }
            }
        }
    }

    /** The UTF-8 size of a string's text: its bytes between the quotes unless it has escapes. */
    static long textBytes(JsonSpan string) {
        return string.hasEscapes() ? utf8Length(string.string()) : string.end() - string.start() - 2;
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
