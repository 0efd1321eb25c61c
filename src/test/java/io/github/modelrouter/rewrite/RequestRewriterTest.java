package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.config.AuthScheme;
import io.github.modelrouter.config.BetaHeaderPolicy;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC step 4, one rule at a time. Expected bodies are compared compact, so member order counts. */
class RequestRewriterTest {

    private static final RouteConfig PLACEHOLDER_AND_STRIP = TestRoutes.route("x", "", ThinkingPolicy.PLACEHOLDER,
            false, TestRoutes.DEFAULT_STRIP, AuthScheme.X_API_KEY, BetaHeaderPolicy.FORWARD);

    private final RequestRewriter rewriter = new RequestRewriter();

    // ---- model

    @Test
    void modelIsSwappedInPlaceWhenTheRouteNamesOne() {
        assertRewrite("""
                {"max_tokens":5,"model":"deepseek-v4-pro","stream":true}""", """
                {"max_tokens":5,"model":"claude-opus-4-6","stream":true}""", TestRoutes.opus());
    }

    @Test
    void modelIsKeptWhenTheRouteHasNoModelId() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5}";
        assertRewrite(body, body, TestRoutes.passThrough());
    }

    // ---- strip-fields, per location

    @Test
    void cacheControlIsStrippedFromSystemBlocks() {
        assertRewrite("""
                {"model":"m","system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197;"},
                 {"type":"text","text":"You are Claude Code."}]}""", """
                {"model":"m","system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.197;"},
                 {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}]}""",
                TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void stringSystemIsLeftAlone() {
        String body = "{\"model\":\"m\",\"system\":\"be brief\"}";
        assertRewrite(body, body, TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void cacheControlIsStrippedFromTheLastUserContentBlock() {
        assertRewrite("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},
                 {"type":"text","text":"b"}]}]}""", """
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},
                 {"type":"text","text":"b","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]}""",
                TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void cacheControlIsStrippedFromToolResultsAndTheBlocksInsideThem() {
        assertRewrite("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",
                 "content":[{"type":"text","text":"out"}]}]}]}""", """
                {"model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",
                 "content":[{"type":"text","text":"out","cache_control":{"type":"ephemeral"}}],
                 "cache_control":{"type":"ephemeral"}}]}]}""",
                TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void cacheControlIsStrippedFromToolsButNotFromTheirSchemas() {
        assertRewrite("""
                {"model":"m","tools":[{"name":"a","input_schema":{"type":"object"}},
                 {"name":"b","input_schema":{"type":"object","properties":{"cache_control":{"type":"string"}}}}]}""",
                """
                {"model":"m","tools":[{"name":"a","input_schema":{"type":"object"}},
                 {"name":"b","input_schema":{"type":"object","properties":{"cache_control":{"type":"string"}}},
                  "cache_control":{"type":"ephemeral"}}]}""",
                TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void reasoningEffortIsStrippedAtTopLevel() {
        assertRewrite("""
                {"model":"m","max_tokens":1}""", """
                {"model":"m","reasoning_effort":"high","max_tokens":1}""",
                TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void fieldsAreNotStrippedOutsideTheListedLocations() {
        String body = """
                {"model":"m","metadata":{"cache_control":1,"reasoning_effort":2},
                 "messages":[{"role":"user","cache_control":3,"content":[{"type":"tool_use","id":"x","name":"n",
                 "input":{"cache_control":4}}]}]}""";
        assertRewrite(body, body, TestRoutes.withStrip(TestRoutes.DEFAULT_STRIP));
    }

    @Test
    void anyConfiguredFieldIsStrippedAndNothingWhenTheListIsEmpty() {
        String body = """
                {"model":"m","top_k":5,"system":[{"type":"text","text":"s","citations":[]}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"u","citations":[]}]}]}""";
        assertRewrite("""
                {"model":"m","system":[{"type":"text","text":"s"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"u"}]}]}""", body,
                TestRoutes.withStrip(Set.of("top_k", "citations")));
        assertRewrite(body, body, TestRoutes.withStrip(Set.of()));
    }

    // ---- disable-thinking

    @Test
    void disableThinkingReplacesTheClientsThinkingInPlace() {
        assertRewrite("""
                {"model":"kimi-for-coding","max_tokens":32000,"thinking":{"type":"disabled"},"stream":true}""", """
                {"model":"claude-sonnet-4-5","max_tokens":32000,"thinking":{"type":"enabled","budget_tokens":31999},
                 "stream":true}""", TestRoutes.sonnet());
        assertRewrite("""
                {"model":"kimi-for-coding","thinking":{"type":"disabled"},"stream":true}""", """
                {"model":"claude-sonnet-4-5","thinking":{"type":"adaptive"},"stream":true}""", TestRoutes.sonnet());
    }

    @Test
    void disableThinkingAppendsWhenTheClientSentNone() {
        assertRewrite("""
                {"model":"kimi-for-coding","stream":false,"thinking":{"type":"disabled"}}""", """
                {"model":"claude-sonnet-4-5","stream":false}""", TestRoutes.sonnet());
    }

    @Test
    void withoutDisableThinkingTheClientsThinkingIsForwarded() {
        String body = "{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}}";
        assertRewrite(body, body, TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
    }

    // ---- thinking policies

    private static final String HISTORY = """
            {"model":"m","messages":[
             {"role":"user","content":"hi"},
             {"role":"assistant","content":[{"type":"thinking","thinking":"Let me look.","signature":"EqQBCkYI"},
              {"type":"text","text":"Looking."},{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"data"}]},
             {"role":"assistant","content":[{"type":"redacted_thinking","data":"EmwKAhgB"},
              {"type":"reasoning","text":"r"},{"type":"text","text":"Done."}]},
             {"role":"user","content":"thanks"},
             {"role":"assistant","content":[{"type":"text","text":"You're welcome."}]}]}""";

    @Test
    void preserveForwardsTheHistoryUnchanged() {
        assertRewrite(HISTORY, HISTORY, TestRoutes.withThinking(ThinkingPolicy.PRESERVE));
    }

    @Test
    void stripRemovesThinkingRedactedThinkingAndReasoningBlocks() {
        assertRewrite("""
                {"model":"m","messages":[
                 {"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"text","text":"Looking."},
                  {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"data"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Done."}]},
                 {"role":"user","content":"thanks"},
                 {"role":"assistant","content":[{"type":"text","text":"You're welcome."}]}]}""",
                HISTORY, TestRoutes.withThinking(ThinkingPolicy.STRIP));
    }

    @Test
    void stripDropsAMessageThatHeldOnlyThinkingButKeepsOneThatWasEmptyAlready() {
        assertRewrite("""
                {"model":"m","messages":[{"role":"user","content":"q"},{"role":"user","content":"again"},
                 {"role":"assistant","content":[]}]}""", """
                {"model":"m","messages":[{"role":"user","content":"q"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"s"}]},
                 {"role":"user","content":"again"},{"role":"assistant","content":[]}]}""",
                TestRoutes.withThinking(ThinkingPolicy.STRIP));
    }

    @Test
    void placeholderPutsExactlyOneEmptyThinkingBlockFirstInEveryAssistantTurn() {
        assertRewrite("""
                {"model":"m","messages":[
                 {"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":""},
                  {"type":"text","text":"Looking."},{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"data"}]},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":""},
                  {"type":"text","text":"Done."}]},
                 {"role":"user","content":"thanks"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":""},
                  {"type":"text","text":"You're welcome."}]}]}""",
                HISTORY, TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
    }

    @Test
    void placeholderReplacesSeveralThinkingBlocksWhereverTheyAreWithOneFirst() {
        assertRewrite("""
                {"model":"m","messages":[{"role":"assistant","content":[
                 {"type":"thinking","thinking":"","signature":""},{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}""",
                """
                {"model":"m","messages":[{"role":"assistant","content":[{"type":"text","text":"a"},
                 {"type":"thinking","thinking":"one","signature":"s1"},{"type":"text","text":"b"},
                 {"type":"thinking","thinking":"two","signature":"s2"}]}]}""",
                TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
    }

    @Test
    void placeholderLeavesStringAssistantContentAsItIs() {
        // SPEC applies the policy to list contents only; an empty list gets its placeholder
        assertRewrite("""
                {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"},
                 {"role":"user","content":"q2"},{"role":"assistant","content":""},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":""}]}]}""", """
                {"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"},
                 {"role":"user","content":"q2"},{"role":"assistant","content":""},{"role":"assistant","content":[]}]}""",
                TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
    }

    @Test
    void placeholderLeavesUserAndSystemMessagesAlone() {
        String body = """
                {"model":"m","messages":[{"role":"system","content":"Be terse."},
                 {"role":"user","content":[{"type":"thinking","thinking":"pasted","signature":"x"}]},
                 {"role":"developer","content":"unknown role"},"not an object",{"content":[{"type":"text","text":"no role"}]}]}""";
        assertRewrite(body, body, TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
    }

    @Test
    void placeholderIsIdempotent() {
        String once = Bodies.rewrite(HISTORY, TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER));
        assertEquals(once, Bodies.rewrite(once, TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER)));
    }

    @Test
    void malformedShapesPassThroughWithoutErrors() {
        String body = """
                {"model":"m","messages":{"role":"user"},"system":5,"tools":"none"}""";
        assertRewrite(body, body, PLACEHOLDER_AND_STRIP);
        String odd = """
                {"model":"m","messages":[{"role":"assistant","content":5},{"role":"assistant"},
                 {"role":"assistant","content":[1,"two",null,{"type":7}]}],"system":[1,{"cache_control":{}}],"tools":[null]}""";
        assertRewrite("""
                {"model":"m","messages":[{"role":"assistant","content":5},{"role":"assistant"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":""},1,"two",null,{"type":7}]}],
                 "system":[1,{}],"tools":[null]}""", odd, PLACEHOLDER_AND_STRIP);
        assertRewrite(odd, odd, TestRoutes.withThinking(ThinkingPolicy.STRIP));
    }

    // ---- everything else

    @Test
    void unknownFieldsAndOrderArePreserved() {
        String body = """
                {"zeta":{"nested":[1.0,{"b":true,"a":null}]},"model":"claude-opus-4-6","context_management":
                 {"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},"output_config":{"effort":"high"},
                 "metadata":{"user_id":"user_abc"},"alpha":"last but not least","messages":[
                 {"role":"system","content":"inline system message"},{"role":"user","content":"hi","x-extra":1}]}""";
        assertRewrite(body.replace("claude-opus-4-6", "deepseek-v4-pro"), body, TestRoutes.opus());
    }

    @Test
    void theSameBodyCanBeRewrittenForAFallbackRoute() {
        ClientRequestBody body = Bodies.parse(HISTORY.replace("\"m\"", "\"claude-opus-4-6\""));
        String before = Bodies.tree(body).toString();
        String opus = new String(rewriter.rewrite(body, TestRoutes.opus()), StandardCharsets.UTF_8);
        String sonnet = new String(rewriter.rewrite(body, TestRoutes.sonnet()), StandardCharsets.UTF_8);
        assertEquals(before, Bodies.tree(body).toString());
        assertEquals(Bodies.rewrite(HISTORY.replace("\"m\"", "\"claude-opus-4-6\""), TestRoutes.sonnet()), sonnet);
        assertEquals("deepseek-v4-pro", Bodies.tree(opus).getString("model"));
        assertEquals("kimi-for-coding", Bodies.tree(sonnet).getString("model"));
        assertArrayEquals(rewriter.rewrite(body, TestRoutes.opus()), opus.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares compact forms: values, escapes and member order must all match. */
    private void assertRewrite(String expected, String body, RouteConfig route) {
        String actual = new String(rewriter.rewrite(Bodies.parse(body), route), StandardCharsets.UTF_8);
        assertEquals(compact(expected), actual);
    }

    static String compact(String json) {
        return new String(TreeWriter.write(Bodies.tree(json), json.length()), StandardCharsets.UTF_8);
    }
}
