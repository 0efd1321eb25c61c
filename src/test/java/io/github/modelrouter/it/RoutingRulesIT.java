package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routing rules end to end: each condition kind sends its request to its own fake upstream, the
 * first rule that holds wins, count_tokens follows the same rules, the model match decides when
 * no rule holds, and the access log names the rule.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class RoutingRulesIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    @RegisterExtension
    static final AccessLogLines ACCESS_LOG = new AccessLogLines();

    @Deployment(testable = false)
    static WebArchive deployment() {
        RouteProperties properties = RouteProperties.none()
                .set("router.routes", "main,cheap,big,vision,thinker,searcher")
                .route("main", UPSTREAM.url("main")).with("match", "claude")
                .route("cheap", UPSTREAM.url("cheap")).with("match", "none")
                .route("big", UPSTREAM.url("big")).with("match", "none")
                .route("vision", UPSTREAM.url("vision")).with("match", "none")
                .route("thinker", UPSTREAM.url("thinker")).with("match", "none")
                .route("searcher", UPSTREAM.url("searcher")).with("match", "none")
                .set("router.rules", "background,subagents,images,long,think,search,haiku")
                .set("router.rule.background.when", "header:x-app=^cli-bg$").set("router.rule.background.route", "cheap")
                .set("router.rule.subagents.when", "header:X-Claude-Code-Agent-Id=^").set("router.rule.subagents.route", "cheap")
                .set("router.rule.images.when", "has:image").set("router.rule.images.route", "vision")
                .set("router.rule.long.when", "tokens>2000").set("router.rule.long.route", "big")
                .set("router.rule.think.when", "model:re:^claude-opus; has:thinking").set("router.rule.think.route", "thinker")
                .set("router.rule.search.when", "has:tool=web_search").set("router.rule.search.route", "searcher")
                .set("router.rule.haiku.when", "model:haiku").set("router.rule.haiku.route", "cheap");
        return RouterDeployment.war(properties);
    }

    @ArquillianResource
    URL base;

    private HttpResponse<String> post(String path, String body, String... headers) {
        var request = Http.post(base, path, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = Http.send(request);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** Sends, and answers the fake upstream's path prefix that served it and the access-log line. */
    private String[] route(String body, String... headers) throws InterruptedException {
        HttpResponse<String> response = post("/v1/messages?beta=true", body, headers);
        String path = UPSTREAM.take().path();
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        return new String[] {path.substring(1, path.indexOf('/', 1)), ACCESS_LOG.await(requestId)};
    }

    private static String withMessage(String model, String extra, String content) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64" + extra + ",\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";
    }

    @Test
    void withoutAMatchingRuleTheModelDecidesAndTheLogNamesNoRule() throws InterruptedException {
        String[] served = route(Http.body("claude-sonnet-4-5", false));
        assertEquals("main", served[0]);
        assertFalse(served[1].contains(" rule="), served[1]);
    }

    @Test
    void backgroundRequestsGoToTheCheapRoute() throws InterruptedException {
        String[] served = route(Http.body("claude-sonnet-4-5", false), "x-app", "cli-bg");
        assertEquals("cheap", served[0]);
        assertTrue(served[1].contains(" route=cheap rule=background "), served[1]);
        assertEquals("main", route(Http.body("claude-sonnet-4-5", false), "x-app", "cli")[0], "the regex must hold");
    }

    @Test
    void subagentRequestsGoToTheCheapRoute() throws InterruptedException {
        String[] served = route(Http.body("claude-opus-4-5", true), "X-Claude-Code-Agent-Id", "agent-7");
        assertEquals("cheap", served[0]);
        assertTrue(served[1].contains(" rule=subagents "), served[1]);
    }

    @Test
    void imagesGoToTheVisionRoute() throws InterruptedException {
        String image = "[{\"type\":\"text\",\"text\":\"what is this\"},{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]";
        String[] served = route(withMessage("claude-sonnet-4-5", "", image));
        assertEquals("vision", served[0]);
        assertTrue(served[1].contains(" rule=images "), served[1]);
    }

    @Test
    void longContextGoesToTheLargeWindowRouteAndCountTokensFollowsTheSameRules() throws InterruptedException {
        String text = "\"" + "word ".repeat(2000) + "\"";
        String[] served = route(withMessage("claude-sonnet-4-5", "", text));
        assertEquals("big", served[0]);
        assertTrue(served[1].contains(" rule=long "), served[1]);

        post("/v1/messages/count_tokens?beta=true", withMessage("claude-sonnet-4-5", "", text));
        assertEquals("/big/v1/messages/count_tokens", UPSTREAM.take().path());
        post("/v1/messages/count_tokens", withMessage("claude-sonnet-4-5", "", "\"short\""));
        assertEquals("/main/v1/messages/count_tokens", UPSTREAM.take().path());
    }

    @Test
    void thinkingRequestsOfOneModelFamilyGoToTheThinker() throws InterruptedException {
        String thinking = ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}";
        assertEquals("thinker", route(withMessage("claude-opus-4-5", thinking, "\"hi\""))[0]);
        assertEquals("main", route(withMessage("claude-sonnet-4-5", thinking, "\"hi\""))[0], "every condition must hold");
        assertEquals("main", route(withMessage("claude-opus-4-5", ",\"thinking\":{\"type\":\"disabled\"}", "\"hi\""))[0]);
    }

    @Test
    void aToolByNameOrTypeGoesToTheSearcher() throws InterruptedException {
        String tools = ",\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}},"
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}]";
        assertEquals("searcher", route(withMessage("claude-sonnet-4-5", tools, "\"news?\""))[0]);
    }

    @Test
    void theFirstRuleThatHoldsWinsAndAModelRuleWorksOnItsOwn() throws InterruptedException {
        String image = "[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AA==\"}}]";
        String[] served = route(withMessage("claude-haiku-4-5", "", image), "x-app", "cli-bg");
        assertEquals("cheap", served[0]);
        assertTrue(served[1].contains(" rule=background "), "background is listed before images: " + served[1]);
        assertEquals("vision", route(withMessage("claude-haiku-4-5", "", image))[0], "images is listed before haiku");
        assertTrue(route(Http.body("claude-haiku-4-5", false))[1].contains(" rule=haiku "));
    }

}
