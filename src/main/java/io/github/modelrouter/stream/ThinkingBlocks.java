package io.github.modelrouter.stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Which content blocks are thinking: {@code thinking} and {@code redacted_thinking}. */
final class ThinkingBlocks {

    static final byte[] THINKING = "thinking".getBytes(StandardCharsets.US_ASCII);
    static final byte[] REDACTED_THINKING = "redacted_thinking".getBytes(StandardCharsets.US_ASCII);

    private ThinkingBlocks() {
    }

    static boolean isThinkingType(String type) {
        return "thinking".equals(type) || "redacted_thinking".equals(type);
    }

    /** Whether a content_block_start's data declares a thinking block; unreadable data is not. */
    static boolean isThinkingStart(Optional<JsonObject> data) {
        return data.map(object -> object.get("content_block"))
                .filter(block -> block.getValueType() == JsonValue.ValueType.OBJECT)
                .map(block -> block.asJsonObject().get("type"))
                .filter(JsonString.class::isInstance)
                .map(type -> isThinkingType(((JsonString) type).getString()))
                .orElse(false);
    }

    /** Whether the JSON string at {@code pos} is one of the thinking types (raw bytes). */
    static boolean isThinkingTypeAt(byte[] text, int pos, int to) {
        return JsonScan.stringEquals(text, pos, to, THINKING)
                || JsonScan.stringEquals(text, pos, to, REDACTED_THINKING);
    }
}
