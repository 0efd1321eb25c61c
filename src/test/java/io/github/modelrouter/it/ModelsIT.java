package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/models} round trips: the official SDK lists (and pages through) the advertised
 * ids, each id sent back as a model reaches its route, and the paging parameters work over plain
 * HTTP as Anthropic's API defines them.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class ModelsIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    /** In route order, then each route's advertise order. */
    private static final List<String> IDS = List.of("claude-opus", "claude-sonnet", "claude-haiku",
            "claude-local-coder", "claude-local-coder-fast");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM)
                .set("router.routes", "opus,sonnet,haiku,local")
                // its keywords would never catch its advertised ids: the exact id match does
                .route("local", UPSTREAM.url("local")).with("match", "re:^qwen")
                .with("advertise", "claude-local-coder,claude-local-coder-fast").with("label", "Ollama"));
    }

    @ArquillianResource
    URL base;

    private AnthropicClient client;

    @BeforeEach
    void setUp() {
        client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", "")).apiKey("k").maxRetries(0).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void theSdkListsTheAdvertisedIdsAndEachRoutesBackToItsRoute() {
        ModelListPage page = client.models().list();
        List<String> ids = page.data().stream().map(ModelInfo::id).toList();
        assertEquals(IDS, ids);
        assertFalse(page.hasNextPage());
        ModelInfo first = page.data().get(0);
        assertEquals("opus \u2192 DeepSeek (deepseek-v4-pro)", first.displayName());
        assertEquals(OffsetDateTime.parse("2025-01-01T00:00:00Z"), first.createdAt());

        Map<String, String> expectedPrefix = Map.of("claude-opus", "/deepseek/", "claude-sonnet", "/kimi/",
                "claude-haiku", "/minimax/", "claude-local-coder", "/local/", "claude-local-coder-fast", "/local/");
        for (String id : ids) {
            assertTrue(id.contains("claude"), id);
            client.messages().create(MessageCreateParams.builder().model(id).maxTokens(16).addUserMessage("hi").build());
            String path = UPSTREAM.take().path();
            assertTrue(path.startsWith(expectedPrefix.get(id)), id + " reached " + path);
        }
    }

    @Test
    void theSdkPagesThroughWithLimitAndAfterId() {
        ModelListPage page = client.models().list(ModelListParams.builder().limit(2L).build());
        assertEquals(List.of("claude-opus", "claude-sonnet"), page.data().stream().map(ModelInfo::id).toList());
        assertTrue(page.hasNextPage());
        List<String> all = new ArrayList<>();
        page.autoPager().forEach(model -> all.add(model.id()));
        assertEquals(IDS, all);
    }

    @Test
    void theSdkRetrievesOneModelAndGets404ForOthers() {
        ModelInfo model = client.models().retrieve("claude-local-coder-fast");
        assertEquals("local \u2192 Ollama (the client's model)", model.displayName());
        try {
            client.models().retrieve("gpt-4o");
            throw new AssertionError("expected a 404");
        } catch (NotFoundException expected) {
            assertEquals(404, expected.statusCode());
        }
    }

    @Test
    void pagingParametersOverPlainHttp() {
        JsonObject firstPage = json(Http.get(base, "/v1/models?limit=2"));
        assertEquals(2, firstPage.getJsonArray("data").size());
        assertTrue(firstPage.getBoolean("has_more"));
        assertEquals("claude-opus", firstPage.getString("first_id"));
        assertEquals("claude-sonnet", firstPage.getString("last_id"));

        JsonObject next = json(Http.get(base, "/v1/models?limit=2&after_id=claude-sonnet"));
        assertEquals("claude-haiku", next.getString("first_id"));
        assertEquals("claude-local-coder", next.getString("last_id"));
        assertTrue(next.getBoolean("has_more"));

        JsonObject last = json(Http.get(base, "/v1/models?limit=2&after_id=claude-local-coder"));
        assertEquals(1, last.getJsonArray("data").size());
        assertFalse(last.getBoolean("has_more"));

        JsonObject before = json(Http.get(base, "/v1/models?limit=2&before_id=claude-local-coder"));
        assertEquals("claude-sonnet", before.getString("first_id"));
        assertEquals("claude-haiku", before.getString("last_id"));
        assertTrue(before.getBoolean("has_more"), "claude-opus lies before the page");

        JsonObject empty = json(Http.get(base, "/v1/models?before_id=claude-opus"));
        assertEquals(0, empty.getJsonArray("data").size());
        assertTrue(empty.isNull("first_id") && empty.isNull("last_id"));

        JsonObject entry = firstPage.getJsonArray("data").getJsonObject(0);
        assertEquals("model", entry.getString("type"));
        assertEquals("2025-01-01T00:00:00Z", entry.getString("created_at"));

        HttpResponse<String> badLimit = Http.get(base, "/v1/models?limit=0");
        assertEquals(400, badLimit.statusCode());
        assertTrue(badLimit.body().contains("invalid_request_error") && badLimit.body().contains("limit"), badLimit.body());
        HttpResponse<String> badCursor = Http.get(base, "/v1/models?after_id=gpt-4o");
        assertEquals(400, badCursor.statusCode());
        assertTrue(badCursor.body().contains("after_id"), badCursor.body());
    }

    @Test
    void oneModelOverPlainHttp() {
        HttpResponse<String> response = Http.get(base, "/v1/models/claude-haiku");
        assertEquals(200, response.statusCode());
        assertEquals("claude-haiku", json(response).getString("id"));
        assertEquals(404, Http.get(base, "/v1/models/haiku").statusCode(), "route names are not model ids");
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
