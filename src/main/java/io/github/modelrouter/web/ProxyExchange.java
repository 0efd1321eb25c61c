package io.github.modelrouter.web;

import io.github.modelrouter.config.CountTokensMode;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.rewrite.ClientHeaders;
import io.github.modelrouter.rewrite.ClientRequestBody;
import io.github.modelrouter.rewrite.InvalidRequestException;
import io.github.modelrouter.rewrite.UpstreamHeaders;
import io.github.modelrouter.route.KeyRing;
import io.github.modelrouter.stream.AnthropicError;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.SseEventFilter;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.upstream.UpstreamFailure;
import io.github.modelrouter.upstream.UpstreamRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client request from its body to the end of its answer: parse, route, rewrite, forward, and
 * relay the answer through a {@link BodyTransformer} to the {@link ClientResponseWriter}, with
 * retries and fallback decided before the answer begins. It owns the request's state (id, route,
 * attempt, credit owed to the upstream); nothing of it lives in request attributes.
 *
 * <p>Body callbacks run on container threads, upstream callbacks on the HttpClient reactor, retries
 * on the scheduler; none blocks. Upstream callbacks of one attempt never overlap.
 */
final class ProxyExchange implements RequestBodyReader.Sink, ClientResponseWriter.Events, AsyncListener {

    /** Below this many queued bytes, what the upstream sent is credited back to it. */
    static final long LOW_WATER_BYTES = 32 * 1024;

    /** The two forwarded endpoints. */
    enum Kind { MESSAGES, COUNT_TOKENS }

    private final RouterServices services;
    private final Kind kind;
    private final String requestId;
    private final ClientHeaders clientHeaders;
    private final ClientResponseWriter writer;
    private final ExchangeRecord record;
    private final AttemptOutcomes outcomes;
    private final AtomicLong creditOwed = new AtomicLong();
    private volatile ClientRequestBody body;
    private volatile Attempt current;
    private volatile BodyTransformer transformer;
    private volatile boolean clientGone;

    ProxyExchange(RouterServices services, Kind kind, String requestId, ClientHeaders clientHeaders,
                  AsyncContext asyncContext, HttpServletResponse clientResponse, ExchangeRecord record) {
        this.services = services;
        this.kind = kind;
        this.requestId = requestId;
        this.clientHeaders = clientHeaders;
        this.record = record;
        this.outcomes = new AttemptOutcomes(services);
        this.writer = new ClientResponseWriter(asyncContext, clientResponse, requestId, this);
    }

    ClientResponseWriter writer() {
        return writer;
    }

    // ---- client request body (container threads) ----

    @Override
    public void bodyReceived(byte[] bytes) {
        long startNanos = System.nanoTime();
        ClientRequestBody parsed;
        try {
            parsed = ClientRequestBody.parse(bytes);
        } catch (InvalidRequestException e) {
            writer.fail(AnthropicError.invalidRequest(e.getMessage()));
            return;
        }
        body = parsed;
        record.model(parsed.model(), parsed.stream());
        Optional<RouteConfig> route = services.routes().resolve(parsed.model());
        if (route.isEmpty()) {
            writer.fail(AnthropicError.invalidRequest("no route for model '" + parsed.model()
                    + "': it matches no router.route.<r>.match keyword and router.default-route is not set"));
            return;
        }
        RouteConfig first = outcomes.avoidFailing(route.get());
        if (kind == Kind.COUNT_TOKENS && first.countTokens() == CountTokensMode.ESTIMATE) {
            record.route(first);
            answerWithEstimate();
            return;
        }
        startAttempt(first, 0);
        services.metrics().proxyOverhead(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @Override
    public void bodyTooLarge(long limit) {
        writer.fail(AnthropicError.tooLarge("request body is larger than router.max-body-bytes (" + limit + " bytes)"));
    }

    @Override
    public void bodyFailed(Throwable cause) {
        clientGone = true;
        record.outcome("client_gone_while_sending");
        writer.abort();
    }

    // ---- attempts ----

    private void startAttempt(RouteConfig route, int retriesDone) {
        if (clientGone) {
            return;
        }
        KeyRing keys = services.routes().keys(route.name());
        Secret key = keys.next().orElse(null);
        byte[] upstreamBody;
        try {
            upstreamBody = services.rewriter().rewrite(body, route);
        } catch (RuntimeException e) {
            writer.fail(AnthropicError.invalidRequest("request cannot be rewritten for route " + route.name()
                    + ": " + e.getMessage()));
            return;
        }
        List<Map.Entry<String, String>> headers = UpstreamHeaders.build(clientHeaders, route, key, requestId);
        UpstreamRequest upstreamRequest = new UpstreamRequest(
                kind == Kind.MESSAGES ? route.messagesUri() : route.countTokensUri(),
                headers, upstreamBody, route.connectTimeout(), route.idleTimeout(), route.timeout(), route.transport());
        Attempt attempt = new Attempt(this, route, key, retriesDone, System.nanoTime());
        current = attempt;
        creditOwed.set(0);
        record.attempt(route);
        services.health(route).attemptStarted();
        attempt.started(services.upstream().send(upstreamRequest, attempt));
        if (clientGone) {
            attempt.abandon();
        }
    }

    void attemptEnded(Attempt attempt) {
        services.health(attempt.route()).attemptEnded();
    }

    void upstreamHead(Attempt attempt, int status, List<Map.Entry<String, String>> headers) {
        RouteConfig route = attempt.route();
        outcomes.answered(attempt, status);
        if (kind == Kind.COUNT_TOKENS && (status == 404 || status == 405)) {
            attempt.abandon();
            answerWithEstimate();
            return;
        }
        NextStep next = NextStep.afterStatus(route, attempt.retriesDone(), status,
                header(headers, "retry-after"), services.routes().keys(route.name()).usable() > 0, services.routes()::route);
        if (takeNextStep(attempt, next)) {
            return;
        }
        record.upstreamStatus(status);
        // no retry or fallback can follow: the parsed request need not live as long as the stream
        body = null;
        String contentType = Optional.ofNullable(header(headers, "content-type")).orElse("");
        boolean sse = contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
        transformer = AnswerTransformers.choose(route, kind == Kind.MESSAGES, status, sse,
                header(headers, "content-encoding"), this::usage);
        writer.head(status, ResponseHeaderFilter.toClient(headers), sse);
    }

    void upstreamData(Attempt attempt, ByteBuffer data) {
        int bytes = data.remaining();
        try {
            transformer.transform(data, false, writer::write);
        } catch (RuntimeException e) {
            attempt.abandon();
            services.accessLog().warn(requestId, "answer could not be relayed: " + e.getMessage());
            writer.fail(AnthropicError.upstreamFailed("the upstream's answer could not be relayed: " + e.getMessage()));
            return;
        }
        creditOwed.addAndGet(bytes);
        returnCreditIfDrained(writer.queuedBytes());
    }

    void upstreamEnd(Attempt attempt) {
        try {
            transformer.transform(ByteBuffer.allocate(0), true, writer::write);
        } catch (RuntimeException e) {
            writer.fail(AnthropicError.upstreamFailed("the upstream's answer could not be relayed: " + e.getMessage()));
            return;
        }
        if (transformer instanceof SseEventFilter sse && !sse.sawEnd()) {
            // a clean close without message_stop is still a cut-short answer: never a silent truncation
            record.outcome("stream_cut_short");
            writer.fail(AnthropicError.upstreamFailed("upstream " + attempt.route().label()
                    + " ended the stream before message_stop"));
            return;
        }
        writer.end();
    }

    void upstreamFailed(Attempt attempt, UpstreamFailure failure) {
        if (clientGone || failure.kind() == UpstreamFailure.Kind.CANCELLED) {
            return;
        }
        RouteConfig route = attempt.route();
        outcomes.failed(attempt, failure);
        if (!attempt.headReceived()
                && takeNextStep(attempt, NextStep.afterFailureBeforeHead(route, services.routes()::route))) {
            return;
        }
        record.outcome(failure.kind().name().toLowerCase(java.util.Locale.ROOT));
        writer.fail(failure.isTimeout() ? AnthropicError.timeout(failure.message())
                : AnthropicError.upstreamFailed(failure.message()));
    }

    /** Carries out a retry or fallback; false when the answer is to be passed on. */
    private boolean takeNextStep(Attempt attempt, NextStep next) {
        if (next instanceof NextStep.Retry retry) {
            attempt.abandon();
            services.metrics().retry(attempt.route());
            services.scheduler().schedule(() -> startAttempt(attempt.route(), attempt.retriesDone() + 1),
                    retry.delay().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        if (next instanceof NextStep.Fallback fallback) {
            attempt.abandon();
            services.metrics().fallback(attempt.route(), fallback.route());
            startAttempt(fallback.route(), 0);
            return true;
        }
        return false;
    }

    private void answerWithEstimate() {
        writer.head(200, List.of(Map.entry("content-type", "application/json")), false);
        writer.write(ByteBuffer.wrap(services.estimator().countTokensResponse(body)));
        record.upstreamStatus(0);
        record.outcome("estimated");
        writer.end();
    }

    private void usage(TokenUsage usage) {
        record.usage(usage);
    }

    // ---- client side (container threads, reactor) ----

    @Override
    public void drained(long queuedBytes) {
        returnCreditIfDrained(queuedBytes);
    }

    private void returnCreditIfDrained(long queuedBytes) {
        Attempt attempt = current;
        if (queuedBytes <= LOW_WATER_BYTES && attempt != null && attempt.hasUpstream()) {
            long credit = creditOwed.getAndSet(0);
            if (credit > 0) {
                attempt.returnCredit((int) Math.min(credit, Integer.MAX_VALUE));
            }
        }
    }

    @Override
    public void clientGone(Throwable cause) {
        if (clientGone) {
            return;
        }
        clientGone = true;
        record.outcome("client_gone");
        services.metrics().clientDisconnected(record.route());
        Attempt attempt = current;
        if (attempt != null) {
            attempt.abandon();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        record.finish(writer.status(), services);
    }

    @Override
    public void onError(AsyncEvent event) {
        // Tomcat reports a vanished client here rather than through the WriteListener
        clientGone(event.getThrowable());
        writer.abort();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        clientGone(event.getThrowable());
        writer.abort();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    private static String header(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equals(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
