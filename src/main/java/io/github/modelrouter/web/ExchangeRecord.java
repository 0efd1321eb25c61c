package io.github.modelrouter.web;

import io.github.modelrouter.config.ClientConfig;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.stream.TokenUsage;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What one request did, gathered as it happens and written once when it ends: the access-log line
 * (request id, route, upstream status, timings) and the per-request metrics. Fields are written by
 * whichever thread observes them and read after the async cycle completes, hence volatile.
 */
final class ExchangeRecord {

    private final String requestId;
    private final String method;
    private final String path;
    private final long startNanos;
    private volatile String model = "-";
    private volatile boolean stream;
    private volatile RouteConfig route;
    /** The routing rule that picked the first route; null when the model match did. */
    private volatile String rule;
    private volatile int attempts;
    private volatile int upstreamStatus = -1;
    private volatile long firstHeadNanos;
    private volatile String outcome;
    private volatile TokenUsage usage;
    private volatile ClientConfig client;

    ExchangeRecord(String requestId, String method, String path, long startNanos) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.startNanos = startNanos;
    }

    void model(String requestModel, boolean streamed) {
        this.model = requestModel;
        this.stream = streamed;
    }

    /** The named client that sent the request; null for an anonymous one. */
    void client(ClientConfig sender) {
        this.client = sender;
    }

    ClientConfig client() {
        return client;
    }

    String clientName() {
        ClientConfig sender = client;
        return sender == null ? ClientDirectory.ANONYMOUS : sender.name();
    }

    void route(RouteConfig chosen) {
        this.route = chosen;
    }

    /** The routing rule that decided, or null when the model match did. */
    void rule(String ruleName) {
        this.rule = ruleName;
    }

    void attempt(RouteConfig attemptRoute) {
        this.route = attemptRoute;
        this.attempts++;
    }

    void upstreamStatus(int status) {
        this.upstreamStatus = status;
        this.firstHeadNanos = System.nanoTime();
    }

    void outcome(String what) {
        if (outcome == null) {
            outcome = what;
        }
    }

    void usage(TokenUsage tokens) {
        this.usage = tokens;
    }

    RouteConfig route() {
        return route;
    }

    /** Logs the line and counts the request; called once, when the async cycle completes. */
    void finish(int status, RouterServices services) {
        long now = System.nanoTime();
        RouteConfig finalRoute = route;
        services.metrics().requestCompleted(finalRoute, status);
        TokenUsage tokens = usage;
        BigDecimal cost = null;
        if (finalRoute != null && tokens != null) {
            services.metrics().tokens(finalRoute, tokens);
            cost = services.costs().account(finalRoute, client, clientName(), tokens);
        }
        StringBuilder line = new StringBuilder(512)
                .append("request_id=").append(requestId)
                .append(" method=").append(LogText.escape(method, 20))
                .append(" path=").append(LogText.escape(path, 300))
                .append(" client=").append(clientName())
                .append(" model=").append(LogText.escape(model, 200))
                .append(" stream=").append(stream)
                .append(" route=").append(finalRoute == null ? "-" : finalRoute.name());
        if (rule != null) {
            line.append(" rule=").append(rule);
        }
        line
                .append(" upstream=").append(finalRoute == null ? "-" : finalRoute.label())
                .append(" status=").append(status)
                .append(" upstream_status=").append(upstreamStatus < 0 ? "-" : Integer.toString(upstreamStatus))
                .append(" attempts=").append(attempts);
        if (firstHeadNanos > 0) {
            line.append(" head_ms=").append(millis(firstHeadNanos - startNanos));
        }
        line.append(" total_ms=").append(millis(now - startNanos));
        if (tokens != null) {
            line.append(" tokens_in=").append(tokens.inputTokens()).append(" tokens_out=").append(tokens.outputTokens());
        }
        if (cost != null) {
            line.append(" cost_usd=").append(cost.toPlainString());
        }
        line.append(" outcome=").append(outcome == null ? "ok" : outcome);
        services.accessLog().request(line.toString());
    }

    /** Milliseconds with one decimal, without a formatter (one is costly per request). */
    static String millis(long nanos) {
        long tenths = Math.max(0, (nanos + 50_000) / 100_000);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
