package io.github.modelrouter.web;

import io.github.modelrouter.config.ResponseThinking;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.JsonThinkingStripper;
import io.github.modelrouter.stream.JsonUsageTap;
import io.github.modelrouter.stream.SseEventFilter;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.translate.OpenAiAnswerTranslator;
import io.github.modelrouter.translate.OpenAiErrorTranslator;
import io.github.modelrouter.translate.OpenAiStreamTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * For {@code format=openai} routes (SPEC "Upstreams that speak OpenAI Chat Completions"): error
     * statuses become Anthropic's envelope, event streams the Anthropic SSE of their chunks, JSON
     * answers an Anthropic message. A body the upstream compressed cannot be translated and passes
     * as it is (the router asks for {@code identity}; no provider we know ignores that).
     *
     * @param fallbackModel the model an answer names when the upstream names none
     * @param stopSequences the client's stop sequences
     */
    static BodyTransformer chooseOpenAi(RouteConfig route, int status, boolean sse, String contentEncoding,
                                        String fallbackModel, List<String> stopSequences, Consumer<TokenUsage> usage) {
        boolean encoded = contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity");
        if (encoded || (status >= 300 && status < 400)) {
            return BodyTransformer.identity();
        }
        if (status >= 400) {
            return new OpenAiErrorTranslator(status);
        }
        boolean drop = route.responseThinking() == ResponseThinking.DROP;
        return sse ? new OpenAiStreamTranslator(drop, fallbackModel, stopSequences, usage)
                : new OpenAiAnswerTranslator(drop, fallbackModel, stopSequences, usage);
    }

    /** The client's headers for a translated answer: the upstream's, with the content type of what the client gets. */
    static List<Map.Entry<String, String>> translatedHeaders(List<Map.Entry<String, String>> clientHeaders,
                                                             boolean sse) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(clientHeaders.size() + 1);
        for (Map.Entry<String, String> header : clientHeaders) {
            if (!header.getKey().equalsIgnoreCase("content-type")) {
                headers.add(header);
            }
        }
        headers.add(Map.entry("content-type", sse ? "text/event-stream" : "application/json"));
        return headers;
    }
}
