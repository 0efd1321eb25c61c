package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic content blocks as OpenAI message content: the text of a string or of text blocks, and
 * user content parts ({@code text}, {@code image_url}). Text is copied from the client's bytes
 * whenever it need not be joined. Stateless.
 */
final class ContentParts {

    private ContentParts() {
    }

    static boolean isType(JsonSpan block, String type) {
        JsonSpan value = block.isObject() ? block.get("type") : null;
        return value != null && value.stringEquals(type);
    }

    /** An image block with a source OpenAI can take (base64 data or a URL). */
    static boolean isImage(JsonSpan block) {
        if (!isType(block, "image")) {
            return false;
        }
        JsonSpan source = block.get("source");
        return source != null && source.isObject() && imageUrl(source) != null;
    }

    /** The text spans of a string, or of a list's text blocks (non-strings are skipped). */
    static List<JsonSpan> texts(JsonSpan content) {
        if (content.isString()) {
            return List.of(content);
        }
        List<JsonSpan> texts = new ArrayList<>();
        if (content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonSpan block = content.value(i);
                JsonSpan text = isType(block, "text") ? block.get("text") : null;
                if (text != null && text.isString()) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    /** One JSON string: a single text as the client's bytes, several joined by {@code separator}. */
    static void joinedText(JsonWriter out, List<JsonSpan> texts, String separator) {
        if (texts.size() == 1) {
            out.value(texts.get(0));
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                joined.append(separator);
            }
            joined.append(texts.get(i).string());
        }
        out.string(joined.toString());
    }

    /** A user message's content: a string when all parts are text, else a list of parts. */
    static void userContent(JsonWriter out, List<JsonSpan> blocks) {
        boolean textOnly = blocks.stream().allMatch(b -> isType(b, "text"));
        if (textOnly) {
            joinedText(out, texts(blocks), "\n");
            return;
        }
        out.put('[');
        boolean first = true;
        for (JsonSpan block : blocks) {
            JsonSpan text = block.get("text");
            if (isType(block, "text") && (text == null || !text.isString())) {
                continue;
            }
            if (!first) {
                out.put(',');
            }
            first = false;
            if (isType(block, "text")) {
                out.ascii("{\"type\":\"text\",\"text\":");
                out.value(text);
                out.put('}');
            } else {
                out.ascii("{\"type\":\"image_url\",\"image_url\":{\"url\":")
                        .string(imageUrl(block.get("source"))).ascii("}}");
            }
        }
        out.put(']');
    }

    private static List<JsonSpan> texts(List<JsonSpan> textBlocks) {
        List<JsonSpan> texts = new ArrayList<>(textBlocks.size());
        for (JsonSpan block : textBlocks) {
            JsonSpan text = block.get("text");
            if (text != null && text.isString()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** {@code data:<media type>;base64,<data>} for base64 sources, the URL of url sources, else null. */
    static String imageUrl(JsonSpan source) {
        String type = source.stringMember("type");
        if ("base64".equals(type)) {
            String mediaType = source.stringMember("media_type");
            String data = source.stringMember("data");
            return mediaType == null || data == null ? null : "data:" + mediaType + ";base64," + data;
        }
        if ("url".equals(type)) {
            return source.stringMember("url");
        }
        return null;
    }
}
