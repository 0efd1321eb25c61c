package io.github.modelrouter.it;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Canned Anthropic answers for the fake upstream: JSON messages and SSE streams. */
public final class Answers {

    private Answers() {
    }

    /** JSON message or SSE text stream, naming the model received, depending on the request's {@code stream}. */
    public static FakeUpstream.Responder defaultAnswer() {
        return (request, exchange) -> {
            if (request.path().endsWith("/count_tokens")) {
                FakeUpstream.sendJson(exchange, 200, "{\"input_tokens\":42}", Map.of());
            } else if (request.streamRequested()) {
                OutputStream out = FakeUpstream.startSse(exchange);
                for (String event : textStream(request.model(), "served by " + request.path())) {
                    FakeUpstream.sendEvent(out, event);
                }
                out.close();
            } else {
                FakeUpstream.sendJson(exchange, 200, message(request.model(), "served by " + request.path()), Map.of());
            }
        };
    }

    /** An error answer with Anthropic's envelope and optional extra headers. */
    public static FakeUpstream.Responder error(int status, String type, Map<String, String> headers) {
        return (request, exchange) -> FakeUpstream.sendJson(exchange, status,
                "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"upstream says " + status + "\"}}",
                headers);
    }

    public static String message(String model, String text) {
        return "{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
    }

    public static String messageWithThinking(String model, String text) {
        return "{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"secret reasoning\",\"signature\":\"sig\"},"
                + "{\"type\":\"text\",\"text\":\"" + text + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
    }

    public static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    public static String messageStart(String model) {
        return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}");
    }

    public static String messageEnd(int outputTokens) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    public static List<String> textBlock(int index, String... pieces) {
        List<String> events = new ArrayList<>();
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String piece : pieces) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
        return events;
    }

    public static List<String> thinkingBlock(int index, String... pieces) {
        List<String> events = new ArrayList<>();
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
        for (String piece : pieces) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"" + piece + "\"}}"));
        }
        events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"signature_delta\",\"signature\":\"c2lnbmF0dXJl\"}}"));
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
        return events;
    }

    /** message_start, ping, one text block, message_delta + message_stop. */
    public static List<String> textStream(String model, String text) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(model));
        events.add(event("ping", "{\"type\":\"ping\"}"));
        events.addAll(textBlock(0, text.split("(?<= )")));
        events.add(messageEnd(7));
        return events;
    }

    /** message_start, a thinking block, a text block, a second thinking block, a text block, end. */
    public static List<String> thinkingStream(String model) {
        List<String> events = new ArrayList<>();
        events.add(messageStart(model));
        events.addAll(thinkingBlock(0, "Let me ", "think."));
        events.addAll(textBlock(1, "Hello ", "there."));
        events.addAll(thinkingBlock(2, "More ", "thought."));
        events.addAll(textBlock(3, "Bye."));
        events.add(messageEnd(11));
        return events;
    }
}
