package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.json.JsonScanner;
import java.util.List;

/**
 * Coverage-guided fuzzing of the client's body on its way through the router: the scanner, the
 * request checks and the rewrite. Invariants: nothing but the documented 400
 * ({@link InvalidRequestException}) is ever thrown; a body the scanner accepts is rewritten byte
 * for byte as the tree-based oracle rewrites it, for every kind of route; the tree reader never
 * accepts what the scanner refuses. Memory stays bounded by the scanner's values-per-byte limit.
 *
 * <p>{@code mvn verify} replays the seeds in {@code RequestRewriteFuzzTestInputs} and then fuzzes
 * {@link #scanCheckAndRewrite} for 15 s; {@code mvn -Pfuzz test} fuzzes {@link #scanCheckAndRewriteLong}
 * for 30 minutes. (Jazzer takes the duration from the annotation only, hence two targets.)
 */
class RequestRewriteFuzzTest {

    private static final List<RouteConfig> ROUTES = List.of(TestRoutes.opus(), TestRoutes.sonnet(),
            TestRoutes.withThinking(ThinkingPolicy.PLACEHOLDER), TestRoutes.passThrough());
    private static final RequestRewriter REWRITER = new RequestRewriter();
    private static final TreeRequestRewriter ORACLE = new TreeRequestRewriter();
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    @FuzzTest(maxDuration = "15s")
    void scanCheckAndRewrite(byte[] body) {
        check(body);
    }

    @FuzzTest(maxDuration = "30m")
    void scanCheckAndRewriteLong(byte[] body) {
        check(body);
    }

    private static void check(byte[] body) {
        if (body.length > 4 * JsonScanner.MAX_DEPTH * 64) {
            return; // keeps executions fast; size is not what finds scanner bugs
        }
        ClientRequestBody parsed;
        try {
            parsed = ClientRequestBody.parse(body);
        } catch (InvalidRequestException refused) {
            assertTreeRefusesToo(body);
            return;
        }
        ESTIMATOR.estimateInputTokens(parsed);
        for (RouteConfig route : ROUTES) {
            assertArrayEquals(ORACLE.rewrite(parsed, route), REWRITER.rewrite(parsed, route), route.name());
        }
    }

    private static void assertTreeRefusesToo(byte[] body) {
        boolean treeAccepts;
        try {
            treeAccepts = JsonTreeReader.readObject(body).get("model") instanceof jakarta.json.JsonString model
                    && !model.getString().isEmpty() && model.getString().codePointCount(0, model.getString().length())
                    <= ClientRequestBody.MAX_MODEL_CHARS;
        } catch (InvalidRequestException e) {
            treeAccepts = false;
        }
        if (treeAccepts && Bodies.scannerAccepts(body)) {
            return; // accepted by both as JSON; refused for a reason beyond syntax (too many values)
        }
        if (treeAccepts) {
            throw new AssertionError("the tree reader accepts a body the scanner refuses");
        }
    }
}
