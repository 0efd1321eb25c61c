package io.github.modelrouter.web;

import io.github.modelrouter.config.ResponseThinking;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.JsonThinkingStripper;
import io.github.modelrouter.stream.JsonUsageTap;
import io.github.modelrouter.stream.SseEventFilter;
import io.github.modelrouter.stream.TokenUsage;
import java.util.function.Consumer;

/** Picks the transformer an upstream answer goes through on its way to the client. */
final class AnswerTransformers {

    private AnswerTransformers() {
    }

    /**
     * Error answers, count_tokens and bodies the upstream compressed (despite our
     * {@code accept-encoding: identity}) pass unchanged; event streams go through the SSE filter
     * (dropping thinking blocks when the route says so); JSON answers either lose their thinking
     * blocks in one rewrite or pass unchanged while their usage is read.
     */
    static BodyTransformer choose(RouteConfig route, boolean messages, int status, boolean sse,
                                  String contentEncoding, Consumer<TokenUsage> usage) {
        boolean encoded = contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity");
        if (!messages || status >= 300 || encoded) {
            return BodyTransformer.identity();
        }
        boolean drop = route.responseThinking() == ResponseThinking.DROP;
        if (sse) {
            return new SseEventFilter(drop, usage);
        }
        return drop ? new JsonThinkingStripper(usage) : new JsonUsageTap(usage);
    }
}
