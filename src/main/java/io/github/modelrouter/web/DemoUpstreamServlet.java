package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.Config;

/**
 * The keyless demo upstream of the {@code demo} MicroProfile Config profile
 * ({@code mp.config.profile=demo}): a stand-in for DeepSeek, Kimi and MiniMax served by the same
 * WAR at {@code /demo/<route>/v1/messages} (and {@code .../count_tokens}). The demo profile points
 * every route at it, so a newcomer sees a request go the whole way (route, rewrite, upstream call
 * over HTTP, stream filter) without an API key.
 *
 * <p>It answers in Anthropic's format, JSON or SSE when the request says {@code "stream": true},
 * with a text naming the route (from the path) and the model the router sent (after the route's
 * model swap), e.g. "Model Router demo: served by route opus as deepseek-v4-pro". Every answer
 * also carries a thinking block, so the route's {@code response-thinking} policy is visible: the
 * opus route drops it, sonnet and haiku pass it.
 *
 * <p>Registered by {@link RouterContextListener} only when {@code router.demo.enabled} is true,
 * which only the {@code %demo.} section of the WAR's configuration sets: in every other
 * configuration {@code /demo/...} is an ordinary 404. Blocking I/O is fine here: a demo, on
 * container threads.
 */
final class DemoUpstreamServlet extends HttpServlet {

    /** Mapping of the demo upstream; routes use {@code http://host:port/demo/<route>} as upstream. */
    static final String PATH = "/demo/*";
    /** Configuration key that registers the servlet; false unless the demo profile is active. */
    static final String ENABLED_KEY = "router.demo.enabled";

    private static final String MESSAGES = "/v1/messages";
    private static final String COUNT_TOKENS = MESSAGES + "/count_tokens";

    private final AtomicLong messageIds = new AtomicLong();

    /** Whether the current MicroProfile Config (the webapp's) enables the demo upstream. */
    static boolean enabled(Config config) {
        return config.getOptionalValue(ENABLED_KEY, Boolean.class).orElse(false);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        int slash = pathInfo.indexOf('/', 1);
        String route = slash > 1 ? pathInfo.substring(1, slash) : "";
        String endpoint = slash > 1 ? pathInfo.substring(slash) : "";
        if (!endpoint.equals(MESSAGES) && !endpoint.equals(COUNT_TOKENS)) {
            ErrorResponses.send(response, AnthropicError.Type.NOT_FOUND.error(
                    "the demo upstream answers POST /demo/<route>/v1/messages, not " + pathInfo));
            return;
        }
        JsonObject body;
        try (JsonReader reader = Json.createReader(request.getInputStream())) {
            body = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            ErrorResponses.send(response, AnthropicError.Type.INVALID_REQUEST.error("the demo upstream needs a JSON object"));
            return;
        }
        String model = body.get("model") instanceof JsonString s ? s.getString() : "(no model)";
        int inputTokens = Math.max(1, body.toString().length() / 4);
        if (endpoint.equals(COUNT_TOKENS)) {
            sendJson(response, Json.createObjectBuilder().add("input_tokens", inputTokens).build().toString());
            return;
        }
        Answer answer = new Answer("msg_demo_" + messageIds.incrementAndGet(), route, model, inputTokens);
        if (body.get("stream") == JsonValue.TRUE) {
            sendStream(response, answer);
        } else {
            sendJson(response, answer.message());
        }
    }

    private static void sendJson(HttpServletResponse response, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void sendStream(HttpServletResponse response, Answer answer) throws IOException {
        response.setContentType("text/event-stream");
        response.setHeader("cache-control", "no-cache");
        ServletOutputStream out = response.getOutputStream();
        for (String event : answer.events()) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            // one flush per event, as a real provider streams: the router forwards them as they come
            out.flush();
        }
    }

    /** One demo answer, as a JSON message or as the SSE events of the same message. */
    private record Answer(String id, String route, String model, int inputTokens) {

        String text() {
            return "Model Router demo: served by route " + route + " as " + model + ".";
        }

        String thinking() {
            return "Demo thinking of route " + route
                    + ". A route with response-thinking=drop removes this block before the client sees it.";
        }

        int outputTokens() {
            return text().split(" ").length;
        }

        String message() {
            return Json.createObjectBuilder()
                    .add("id", id).add("type", "message").add("role", "assistant").add("model", model)
                    .add("content", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "thinking").add("thinking", thinking())
                                    .add("signature", "ZGVtbw=="))
                            .add(Json.createObjectBuilder().add("type", "text").add("text", text())))
                    .add("stop_reason", "end_turn").addNull("stop_sequence")
                    .add("usage", Json.createObjectBuilder().add("input_tokens", inputTokens)
                            .add("output_tokens", outputTokens()))
                    .build().toString();
        }

        List<String> events() {
            List<String> events = new ArrayList<>();
            events.add(event("message_start", Json.createObjectBuilder().add("type", "message_start")
                    .add("message", Json.createObjectBuilder()
                            .add("id", id).add("type", "message").add("role", "assistant").add("model", model)
                            .add("content", Json.createArrayBuilder())
                            .addNull("stop_reason").addNull("stop_sequence")
                            .add("usage", Json.createObjectBuilder().add("input_tokens", inputTokens)
                                    .add("output_tokens", 1)))
                    .build()));
            events.add(event("ping", Json.createObjectBuilder().add("type", "ping").build()));
            events.add(blockStart(0, Json.createObjectBuilder().add("type", "thinking").add("thinking", "")
                    .add("signature", "").build()));
            events.add(delta(0, Json.createObjectBuilder().add("type", "thinking_delta").add("thinking", thinking()).build()));
            events.add(delta(0, Json.createObjectBuilder().add("type", "signature_delta").add("signature", "ZGVtbw==").build()));
            events.add(blockStop(0));
            events.add(blockStart(1, Json.createObjectBuilder().add("type", "text").add("text", "").build()));
            for (String piece : text().split("(?<= )")) {
                events.add(delta(1, Json.createObjectBuilder().add("type", "text_delta").add("text", piece).build()));
            }
            events.add(blockStop(1));
            events.add(event("message_delta", Json.createObjectBuilder().add("type", "message_delta")
                    .add("delta", Json.createObjectBuilder().add("stop_reason", "end_turn").addNull("stop_sequence"))
                    .add("usage", Json.createObjectBuilder().add("output_tokens", outputTokens()))
                    .build()));
            events.add(event("message_stop", Json.createObjectBuilder().add("type", "message_stop").build()));
            return events;
        }

        private static String blockStart(int index, JsonObject block) {
            return event("content_block_start", Json.createObjectBuilder().add("type", "content_block_start")
                    .add("index", index).add("content_block", block).build());
        }

        private static String delta(int index, JsonObject delta) {
            return event("content_block_delta", Json.createObjectBuilder().add("type", "content_block_delta")
                    .add("index", index).add("delta", delta).build());
        }

        private static String blockStop(int index) {
            return event("content_block_stop", Json.createObjectBuilder().add("type", "content_block_stop")
                    .add("index", index).build());
        }

        private static String event(String type, JsonObject data) {
            return "event: " + type + "\ndata: " + data + "\n\n";
        }
    }
}
