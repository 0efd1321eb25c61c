package io.github.modelrouter.it;

import jakarta.json.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fake OpenAI-compatible server's side: one scripted answer rendered both as a
 * {@code chat.completion} JSON object and as the chunk stream a provider sends for it (role chunk,
 * reasoning and content in pieces, tool calls whose name arrives with their first chunk and whose
 * arguments are split into small fragments, a finish chunk, the usage chunk, {@code [DONE]}), so
 * that the streamed and non-streamed translations of the same answer can be compared. Every
 * request is first held to {@link OpenAiRequestSchema}; one that fails gets a 400 naming its
 * problems, as a strict provider would answer.
 */
public final class OpenAiAnswers {

    /** One tool call of the answer. */
    public record ToolCall(String id, String name, String arguments) {
    }

    /** The answer: each part may be empty. */
    public record Script(String reasoning, String text, List<ToolCall> toolCalls, String finishReason,
                         int promptTokens, int completionTokens, int cachedTokens) {
    }

    private static final String ID = "chatcmpl-fake42";
    private static final String MODEL = "gpt-4o-mini";

    private OpenAiAnswers() {
    }

    public static Script text(String text) {
        return new Script("", text, List.of(), "stop", 21, 5, 0);
    }

    /** Answers with {@code script} (JSON or SSE, as the request asks) once the request passed the schema. */
    public static FakeUpstream.Responder answering(Script script) {
        return (request, exchange) -> {
            List<String> problems = OpenAiRequestSchema.problems(request.body());
            if (!problems.isEmpty()) {
                FakeUpstream.sendJson(exchange, 400, "{\"error\":{\"message\":" + Json.createValue(String.join("; ", problems))
                        + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}", Map.of());
            } else if (request.streamRequested()) {
                OutputStream out = FakeUpstream.startSse(exchange);
                for (String chunk : chunks(script)) {
                    FakeUpstream.sendEvent(out, chunk);
                }
                out.close();
            } else {
                FakeUpstream.sendJson(exchange, 200, completion(script), Map.of());
            }
        };
    }

    /** An OpenAI error body with status {@code status}. */
    public static FakeUpstream.Responder error(int status, String message, Map<String, String> headers) {
        return (request, exchange) -> FakeUpstream.sendJson(exchange, status, "{\"error\":{\"message\":"
                + Json.createValue(message) + ",\"type\":\"error\",\"param\":null,\"code\":null}}", headers);
    }

    public static String completion(Script script) {
        StringBuilder message = new StringBuilder("{\"role\":\"assistant\",\"content\":")
                .append(script.text().isEmpty() ? "null" : Json.createValue(script.text()).toString());
        if (!script.reasoning().isEmpty()) {
            message.append(",\"reasoning_content\":").append(Json.createValue(script.reasoning()));
        }
        if (!script.toolCalls().isEmpty()) {
            message.append(",\"tool_calls\":[");
            for (int i = 0; i < script.toolCalls().size(); i++) {
                ToolCall call = script.toolCalls().get(i);
                message.append(i > 0 ? "," : "").append("{\"id\":\"").append(call.id()).append("\",\"type\":\"function\",")
                        .append("\"function\":{\"name\":\"").append(call.name()).append("\",\"arguments\":")
                        .append(Json.createValue(call.arguments())).append("}}");
            }
            message.append(']');
        }
        message.append('}');
        return "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":1733000000,\"model\":\"" + MODEL + "\","
                + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"logprobs\":null,\"finish_reason\":\""
                + script.finishReason() + "\"}]," + usage(script) + "}";
    }

    public static List<String> chunks(Script script) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
        for (String piece : pieces(script.reasoning(), 7)) {
            chunks.add(chunk("{\"reasoning_content\":" + Json.createValue(piece) + "}", "null"));
        }
        for (String piece : pieces(script.text(), 5)) {
            chunks.add(chunk("{\"content\":" + Json.createValue(piece) + "}", "null"));
        }
        for (int i = 0; i < script.toolCalls().size(); i++) {
            ToolCall call = script.toolCalls().get(i);
            chunks.add(chunk("{\"tool_calls\":[{\"index\":" + i + ",\"id\":\"" + call.id() + "\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"" + call.name() + "\",\"arguments\":\"\"}}]}", "null"));
            for (String piece : pieces(call.arguments(), 4)) {
                chunks.add(chunk("{\"tool_calls\":[{\"index\":" + i + ",\"function\":{\"arguments\":"
                        + Json.createValue(piece) + "}}]}", "null"));
            }
        }
        chunks.add(chunk("{}", "\"" + script.finishReason() + "\""));
        chunks.add("data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1733000000,\"model\":\""
                + MODEL + "\",\"choices\":[]," + usage(script) + "}\n\n");
        chunks.add("data: [DONE]\n\n");
        return chunks;
    }

    private static String usage(Script script) {
        return "\"usage\":{\"prompt_tokens\":" + script.promptTokens() + ",\"completion_tokens\":" + script.completionTokens()
                + ",\"total_tokens\":" + (script.promptTokens() + script.completionTokens())
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + script.cachedTokens() + "}}";
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1733000000,\"model\":\"" + MODEL
                + "\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}\n\n";
    }

    /** {@code text} in pieces of {@code size} code points (a surrogate pair is never split). */
    static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i += size) {
            pieces.add(new String(codePoints, i, Math.min(size, codePoints.length - i)));
        }
        return pieces;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
