package io.github.modelrouter.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canned answers of the fast upstream, encoded once: a non-streamed message (a thinking block,
 * so the proxy's opus route has something to drop, and a text block) and the events of a streamed
 * one ({@code message_start}, a text block of N deltas, {@code message_delta}, {@code message_stop}),
 * plus the {@code ping} a held stream repeats.
 */
final class AnthropicWire {

    private final byte[] json;
    private final byte[] streamHead;
    private final byte[] streamRest;
    private static final byte[] PING = event("ping", "{\"type\": \"ping\"}");

    /** @param deltas text deltas in a streamed answer */
    AnthropicWire(int deltas) {
        this.json = message().getBytes(StandardCharsets.UTF_8);
        this.streamHead = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"bench-model\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":2095,"
                + "\"cache_read_input_tokens\":30000,\"output_tokens\":1}}}");
        this.streamRest = rest(deltas);
    }

    /** The complete JSON answer. */
    ByteBuffer json() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    /** {@code message_start}: the first event of every stream. */
    ByteBuffer streamHead() {
        return ByteBuffer.wrap(streamHead).asReadOnlyBuffer();
    }

    /** Everything after {@code message_start}, ending with {@code message_stop}. */
    ByteBuffer streamRest() {
        return ByteBuffer.wrap(streamRest).asReadOnlyBuffer();
    }

    static ByteBuffer ping() {
        return ByteBuffer.wrap(PING).asReadOnlyBuffer();
    }

    private static String message() {
        String thinking = "Let me look at the handler first. ".repeat(15);
        String text = "The request handler reads the config before the route is resolved, so the fix is to "
                + "load it in contextInitialized. ".repeat(8);
        return "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"bench-model\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"" + thinking + "\",\"signature\":\"c2lnbmF0dXJl\"},"
                + "{\"type\":\"text\",\"text\":\"" + text + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":2095,\"cache_read_input_tokens\":30000,\"output_tokens\":412}}";
    }

    private static byte[] rest(int deltas) {
        StringBuilder out = new StringBuilder();
        out.append(eventText("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (int i = 0; i < deltas; i++) {
            out.append(eventText("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"token " + i + " of the answer \"}}"));
        }
        out.append(eventText("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        out.append(eventText("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (deltas * 4) + "}}"));
        out.append(eventText("message_stop", "{\"type\":\"message_stop\"}"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String type, String data) {
        return eventText(type, data).getBytes(StandardCharsets.UTF_8);
    }

    private static String eventText(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }
}
