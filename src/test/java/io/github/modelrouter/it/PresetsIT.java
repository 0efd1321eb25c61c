package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider presets against fakes that enforce what each provider's documentation says it rejects:
 * more than 128 tools (DeepSeek, Kimi), Anthropic-platform tool types (all three), an assistant
 * turn without its thinking block while thinking is on (DeepSeek), thinking in the history or
 * switched on (Kimi's coding endpoint), a tool turn whose thinking was dropped while thinking is on
 * (MiniMax). The shipped opus, sonnet and haiku routes (which name their presets) and three routes
 * that set nothing but {@code provider} and {@code upstream} each get a Claude Code-like request
 * with 130 tools, a code-execution tool and a signed thinking block before a tool call, and must
 * answer 200.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class PresetsIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    private static final Set<String> PLATFORM_TOOLS = Set.of("code_execution", "bash", "text_editor", "computer",
            "web_fetch", "memory");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.routes", "opus,sonnet,haiku,ds,km,mm")
                .route("opus").with("retries", 0)
                .route("sonnet").with("retries", 0)
                .route("haiku").with("retries", 0)
                .route("ds", UPSTREAM.url("ds")).with("provider", "deepseek")
                .route("km", UPSTREAM.url("km")).with("provider", "kimi")
                .route("mm", UPSTREAM.url("mm")).with("provider", "minimax"));
    }

    @ArquillianResource
    URL base;

    @BeforeEach
    void fakesEnforceTheProviders() {
        UPSTREAM.on("deepseek", PresetsIT::deepSeek);
        UPSTREAM.on("ds", PresetsIT::deepSeek);
        UPSTREAM.on("kimi", PresetsIT::kimi);
        UPSTREAM.on("km", PresetsIT::kimi);
        UPSTREAM.on("minimax", PresetsIT::miniMax);
        UPSTREAM.on("mm", PresetsIT::miniMax);
    }

    /** 130 custom tools, then code execution; a history with a signed thinking block before a tool call. */
    static String claudeCodeRequest(String model) {
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            tools.append("{\"name\":\"tool_").append(i).append("\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\"}},");
        }
        tools.append("{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}");
        return "{\"model\":\"" + model + "\",\"max_tokens\":1024,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},"
                + "\"tools\":[" + tools + "],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"list the files\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"use ls\",\"signature\":\"sig-1\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"tool_0\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a.txt\"}]}]}";
    }

    private HttpResponse<String> send(String model) {
        return Http.send(Http.post(base, "/v1/messages", claudeCodeRequest(model)));
    }

    @Test
    void theShippedOpusRouteMeetsDeepSeeksRules() {
        HttpResponse<String> response = send("claude-opus-4-5");
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("\"thinking\""), "DeepSeek's thinking is dropped: " + response.body());
        assertEquals(128, tools(UPSTREAM.take()).size());
    }

    @Test
    void aRouteWithOnlyTheDeepSeekPresetMeetsTheSameRules() {
        HttpResponse<String> response = send("claude-ds");
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("\"thinking\""), response.body());
        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("/ds/v1/messages", upstream.path());
        assertEquals("key-ds", upstream.header("x-api-key"));
    }

    @Test
    void theShippedSonnetRouteAndTheKimiPresetMeetKimisRules() {
        for (String model : new String[] {"claude-sonnet-4-5", "claude-km"}) {
            HttpResponse<String> response = send(model);
            assertEquals(200, response.statusCode(), model + ": " + response.body());
            assertEquals(128, tools(UPSTREAM.take()).size());
        }
    }

    @Test
    void theShippedHaikuRouteAndTheMiniMaxPresetMeetMiniMaxsRules() {
        HttpResponse<String> haiku = send("claude-haiku-4-5");
        assertEquals(200, haiku.statusCode(), haiku.body());
        assertEquals(130, tools(UPSTREAM.take()).size(), "MiniMax documents no tool limit; code execution is left out");

        HttpResponse<String> preset = send("claude-mm");
        assertEquals(200, preset.statusCode(), preset.body());
        assertTrue(preset.body().contains("\"type\":\"thinking\""), "MiniMax's thinking passes: " + preset.body());
        FakeUpstream.Recorded upstream = UPSTREAM.take();
        assertEquals("Bearer key-mm", upstream.header("authorization"));
        assertTrue(upstream.bodyText().contains("\"signature\":\"sig-1\""), "the history keeps its thinking");
    }

    @Test
    void withoutThePresetTheSameRequestIsRejectedByTheFake() {
        // the fakes are the proof: the same body straight to the DeepSeek fake is refused
        HttpResponse<String> direct = Http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(UPSTREAM.url("ds") + "/v1/messages"))
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(claudeCodeRequest("deepseek-v4-pro"))));
        assertEquals(400, direct.statusCode());
        UPSTREAM.take();
    }

    // ---- the fakes ----

    static JsonObject body(FakeUpstream.Recorded request) {
        return Json.createReader(new StringReader(request.bodyText())).readObject();
    }

    static JsonArray tools(FakeUpstream.Recorded request) {
        return body(request).getJsonArray("tools");
    }

    /** The common rules: at most {@code maxTools} tools (0: any number), none of Anthropic's platform types. */
    private static String toolProblem(JsonObject body, int maxTools) {
        JsonArray tools = body.getJsonArray("tools");
        if (tools == null) {
            return null;
        }
        if (maxTools > 0 && tools.size() > maxTools) {
            return "Invalid 'tools': array too long. Expected an array with maximum length " + maxTools;
        }
        for (JsonValue tool : tools) {
            String type = tool.asJsonObject().getString("type", "custom");
            if (PLATFORM_TOOLS.stream().anyMatch(type::startsWith)) {
                return "tools: unsupported tool type " + type;
            }
        }
        return null;
    }

    private static boolean thinkingOn(JsonObject body) {
        JsonObject thinking = body.getJsonObject("thinking");
        return thinking == null || !"disabled".equals(thinking.getString("type", ""));
    }

    private static void deepSeek(FakeUpstream.Recorded request, com.sun.net.httpserver.HttpExchange exchange) throws Exception {
        JsonObject body = body(request);
        String problem = toolProblem(body, 128);
        if (problem == null && thinkingOn(body)) {
            for (JsonValue message : body.getJsonArray("messages")) {
                JsonObject m = message.asJsonObject();
                if ("assistant".equals(m.getString("role")) && !(m.get("content") instanceof JsonArray content
                        && !content.isEmpty() && "thinking".equals(content.getJsonObject(0).getString("type")))) {
                    problem = "The `content[].thinking` in the thinking mode must be passed back to the API.";
                }
            }
        }
        answer(exchange, problem, true);
    }

    private static void kimi(FakeUpstream.Recorded request, com.sun.net.httpserver.HttpExchange exchange) throws Exception {
        JsonObject body = body(request);
        String problem = toolProblem(body, 128);
        if (problem == null && thinkingOn(body)) {
            problem = "thinking is not supported by kimi-for-coding here";
        }
        if (problem == null && request.bodyText().contains("\"type\":\"thinking\"")) {
            problem = "messages: thinking blocks are not accepted";
        }
        answer(exchange, problem, false);
    }

    private static void miniMax(FakeUpstream.Recorded request, com.sun.net.httpserver.HttpExchange exchange) throws Exception {
        JsonObject body = body(request);
        String problem = toolProblem(body, 0);
        String auth = request.header("authorization");
        if (problem == null && (auth == null || !auth.startsWith("Bearer "))) {
            problem = "authorization: Bearer token required";
        }
        if (problem == null && thinkingOn(body)) {
            for (JsonValue message : body.getJsonArray("messages")) {
                JsonObject m = message.asJsonObject();
                String text = m.toString();
                if ("assistant".equals(m.getString("role")) && text.contains("\"tool_use\"") && !text.contains("\"thinking\"")) {
                    problem = "the complete assistant message (thinking included) must be passed back in tool turns";
                }
            }
        }
        answer(exchange, problem, true);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String problem, boolean thinking) throws Exception {
        if (problem != null) {
            FakeUpstream.sendJson(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":" + Json.createValue(problem) + "}}", Map.of());
        } else {
            FakeUpstream.sendJson(exchange, 200, thinking ? Answers.messageWithThinking("m", "ok") : Answers.message("m", "ok"),
                    Map.of());
        }
    }
}
