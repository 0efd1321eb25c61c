package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.ClientRequestBody;
import io.github.modelrouter.rewrite.TokenEstimator;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code count_tokens} locally: for a route with {@code count-tokens=estimate}, and for
 * an upstream that has no such endpoint (404 or 405). A 200 with {@code {"input_tokens":N}}, and
 * an access-log outcome that says the figure is ours. Stateless.
 */
final class EstimatedCountTokens {

    private final TokenEstimator estimator;

    EstimatedCountTokens(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    void answer(ClientRequestBody body, ClientResponseWriter writer, ExchangeRecord record) {
        byte[] answer = estimator.countTokensResponse(body);
        writer.head(200, List.of(Map.entry("content-type", "application/json")), false);
        writer.write(ByteBuffer.wrap(answer));
        record.upstreamStatus(0);
        record.outcome("estimated");
        writer.end();
    }
}
