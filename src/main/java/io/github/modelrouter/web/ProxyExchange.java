package io.github.modelrouter.web;

import io.github.modelrouter.config.CountTokensMode;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.config.UpstreamFormat;
import io.github.modelrouter.rewrite.BodyFacts;
import io.github.modelrouter.rewrite.ClientHeaders;
import io.github.modelrouter.rewrite.ClientRequestBody;
import io.github.modelrouter.rewrite.InvalidRequestException;
import io.github.modelrouter.rewrite.RejectedFieldDetector;
import io.github.modelrouter.rewrite.ResponseHeaders;
import io.github.modelrouter.rewrite.UpstreamHeaders;
import io.github.modelrouter.route.NextStep;
import io.github.modelrouter.route.RouteChoice;
import io.github.modelrouter.route.RejectedFields;
import io.github.modelrouter.route.SessionPin;
import io.github.modelrouter.route.RoutePlanner;
import io.github.modelrouter.state.Admission;
import io.github.modelrouter.stream.AnthropicError;
import io.github.modelrouter.stream.BodyTransformer;
import io.github.modelrouter.stream.KeepAlive;
import io.github.modelrouter.stream.KeepAliveSweep;
import io.github.modelrouter.stream.SseEventFilter;
import io.github.modelrouter.stream.TokenUsage;
import io.github.modelrouter.translate.OpenAiRequestTranslator;
import io.github.modelrouter.translate.OpenAiStreamTranslator;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client request from its body to the end of its answer: parse, plan, rewrite, forward, and
 * relay the answer through a {@link BodyTransformer} to the {@link ClientResponseWriter}. It owns
 * the request's state (id, body, current attempt, transformer); nothing of it lives in request
 * attributes. Where to go, and what follows an outcome, is the {@link RoutePlanner}'s decision;
 * flow-control credit is the {@link Attempt}'s; the end-of-answer verdict is the transformer's.
 *
 * <p><b>Threads, in order.</b> {@link #bodyReceived}, {@link #bodyTooLarge} and
 * {@link #bodyFailed} run once, on a container thread, before any upstream callback. Then one
 * attempt at a time: its {@code upstream*} callbacks run on the HttpClient reactor (a timeout on
 * its timer), never overlapping for one attempt; a retry (after the scheduler's delay), a
 * fallback and a local count_tokens estimate start on a container thread
 * ({@link AsyncContext#start}), so no rewrite runs on the reactor or the scheduler. {@link #drained} and {@link #clientGone} come from
 * container threads or from whichever thread made the writer drain; a client that leaves before the
 * head is reported by {@link ClientPresence} on the deadline sweep thread; {@link #onComplete} once, last.
 * None blocks.
 *
 * <p><b>Locks.</b> The exchange holds none: its fields are volatile and each is written by one
 * phase. The only lock on the path is the writer's monitor, taken inside {@link ClientResponseWriter}
 * and released before it calls back into {@link ClientResponseWriter.Events}; the upstream
 * exchange's own lock is taken only inside {@link Attempt} calls, never while the writer's is held.
 */
final class ProxyExchange implements RequestBodyReader.Sink, ClientResponseWriter.Events, AsyncListener,
        KeepAliveSweep.Stream {

    /** How long the rest of an oversized body is read and dropped after its 413 has been sent. */
    static final Duration LINGER = Duration.ofSeconds(2);
    /** Stateless: translates for every route of {@code format=openai}. */
    private static final OpenAiRequestTranslator OPENAI_TRANSLATOR = new OpenAiRequestTranslator();
    /** Stateless: reads upstream 400s for the fields they reject. */
    private static final RejectedFieldDetector REJECTED_FIELDS = new RejectedFieldDetector();

    /** The two forwarded endpoints. */
    enum Kind { MESSAGES, COUNT_TOKENS }

    private final RouterServices services;
    private final Kind kind;
    private final String requestId;
    private final ClientHeaders clientHeaders;
    private final ClientResponseWriter writer;
    /** {@code writer::write}, made once: a bound method reference is a new object each time it is evaluated. */
    private final Consumer<ByteBuffer> toClient;
    private final ExchangeRecord record;
    private final EstimatedCountTokens estimate;
    private final AsyncContext asyncContext;
    private final ScheduledTask bodyWatch = new ScheduledTask();
    private final ScheduledTask lingerWatch = new ScheduledTask();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile RequestBodyReader bodyReader;
    private volatile ClientRequestBody body;
    private volatile Attempt current;
    private volatile BodyTransformer transformer;
    private volatile boolean clientGone;
    /** The route whose stream takes part in the keep-alive sweep; null while it does not. */
    private volatile RouteConfig keepAliveRoute;
    /** A 400 being read for a rejected field before anything of it reaches the client; else null. */
    private volatile RejectionProbe probe;
    /** The one retry without learned fields was made: a second rejection goes to the client. */
    private volatile boolean learnedRetryDone;
    /** The Claude Code session's pin (route and key); null for a request of no session. */
    private volatile SessionPin pin;
    /** Watches the client's connection between the end of its body and the answer's head; null until then. */
    private volatile ClientPresence presence;

    ProxyExchange(RouterServices services, Kind kind, String requestId, ClientHeaders clientHeaders,
                  AsyncContext asyncContext, HttpServletResponse clientResponse, ExchangeRecord record) {
        this.services = services;
        this.kind = kind;
        this.requestId = requestId;
        this.clientHeaders = clientHeaders;
        this.record = record;
        this.estimate = new EstimatedCountTokens(services.estimator());
        this.asyncContext = asyncContext;
        this.writer = new ClientResponseWriter(asyncContext, clientResponse, requestId, this);
        this.toClient = writer::write;
    }

    ClientResponseWriter writer() {
        return writer;
    }

    /**
     * Sets how the client's connection is looked at once its body is in; container thread, once,
     * before the body can arrive.
     */
    void watchPresence(ClientPresence.Check check) {
        presence = new ClientPresence(check, services.deadlines(), this::clientLeftWhileWaiting);
    }

    // ---- client request body (container thread) ----

    @Override
    public void bodyReceived(byte[] bytes) {
        bodyWatch.cancel();
        long startNanos = System.nanoTime();
        ClientRequestBody parsed;
        try {
            parsed = ClientRequestBody.parse(bytes);
        } catch (InvalidRequestException e) {
            writer.fail(AnthropicError.Type.INVALID_REQUEST.error(e.getMessage()));
            return;
        }
        body = parsed;
        record.model(parsed.model(), parsed.stream());
        RouteChoice first = services.planner().firstRoute(new BodyFacts(parsed, clientHeaders, services.estimator()));
        if (first == null) {
            writer.fail(AnthropicError.Type.INVALID_REQUEST.error("no route for model '" + parsed.model()
                    + "': it matches no router.route.<r>.match keyword and router.default-route is not set"));
            return;
        }
        record.rule(first.rule());
        if (kind == Kind.MESSAGES && !admitted(first.route())) {
            return;
        }
        ClientPresence watch = presence;
        if (watch != null) {
            // until the head, nothing reads the connection: the client's leaving is looked for
            watch.start();
        }
        String session = kind == Kind.MESSAGES ? SessionId.of(clientHeaders) : null;
        if (session == null) {
            startAttempt(first.route(), 0);
        } else {
            startPinned(services.planner().pin(session, parsed.model(), first.route()).toCompletableFuture(),
                    first.route());
        }
        services.metrics().proxyOverhead(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * Starts a session's request where its pin says. In-process state answers at once, on this
     * container thread; a shared state answers on its I/O thread, and the rewrite then moves to a
     * container thread.
     */
    private void startPinned(java.util.concurrent.CompletableFuture<SessionPin> lookup, RouteConfig first) {
        if (lookup.isDone()) {
            pin = lookup.join();
            startAttempt(pin.route(), 0);
            return;
        }
        lookup.whenComplete((found, failure) -> {
            // the state never fails its stage (it answers from its local copy), but a pin is never worth a request
            pin = found;
            RouteConfig route = found != null ? found.route() : first;
            onContainerThread(() -> startAttempt(route, 0));
        });
    }

    /**
     * A named client's limits, checked before anything is forwarded: over one, the answer is 429
     * {@code rate_limit_error} with the seconds until the window frees. Token and cost budgets are
     * charged after the answer ({@link ExchangeRecord#finish}).
     */
    private boolean admitted(RouteConfig route) {
        io.github.modelrouter.config.ClientConfig client = record.client();
        if (client == null || !client.limited()) {
            return true;
        }
        Admission admission = services.state().admit(client);
        if (admission.allowed()) {
            return true;
        }
        record.route(route);
        record.outcome("over_" + admission.limit().replace('-', '_'));
        writer.fail(AnthropicError.Type.RATE_LIMIT.error("client " + client.name() + " is over router.client." + client.name()
                + "." + admission.limit() + "; retry in " + admission.retryAfterSeconds() + " s"),
                Long.toString(admission.retryAfterSeconds()));
        return false;
    }

    @Override
    public void bodyTooLarge(long limit) {
        writer.holdCompletionForInput();
        record.outcome("body_too_large");
        writer.fail(AnthropicError.Type.REQUEST_TOO_LARGE.error(
                "request body is larger than router.max-body-bytes (" + limit + " bytes)"));
        // the rest is read and dropped for a moment, as nginx's lingering close does, then given up on
        RequestBodyReader reader = bodyReader;
        lingerWatch.set(services.deadlines().after(LINGER, reader::timedOut));
    }

    @Override
    public void bodyDiscarded() {
        bodyWatch.cancel();
        lingerWatch.cancel();
        writer.inputDone();
    }

    /**
     * Gives the client {@code timeout} to send its whole body ({@code router.body-timeout}); past
     * it, 408 and the permit is free again. Container thread, once, right after the reader is set.
     */
    void watchBody(RequestBodyReader reader, Duration timeout) {
        bodyReader = reader;
        bodyWatch.set(services.deadlines().after(timeout, () -> {
            if (reader.timedOut()) {
                record.outcome("body_timeout");
                writer.fail(AnthropicError.Type.REQUEST_TIMEOUT.error("the request body did not arrive within "
                        + "router.body-timeout (" + timeout.toMillis() / 1000.0 + " s)"));
            }
        }));
    }

    @Override
    public void bodyFailed(Throwable cause) {
        bodyWatch.cancel();
        clientGone = true;
        record.outcome("client_gone_while_sending");
        writer.abort();
    }

    // ---- attempts ----

    private void startAttempt(RouteConfig route, int retriesDone) {
        if (clientGone) {
            return;
        }
        boolean openAi = route.format() == UpstreamFormat.OPENAI;
        if (kind == Kind.COUNT_TOKENS && (openAi || route.countTokens() == CountTokensMode.ESTIMATE)) {
            // Chat Completions has no count_tokens: such a route (first or fallback) answers with the estimate
            record.route(route);
            estimate.answer(body, writer, record);
            return;
        }
        Secret key = services.planner().keyFor(route, pin);
        RejectedFields.Learned rejected = services.planner().rejectedFields(route);
        ByteBuffer upstreamBody;
        try {
            // chosen per attempt: a fallback may cross from one format to the other and back
            upstreamBody = openAi ? ByteBuffer.wrap(OPENAI_TRANSLATOR.translate(body.spans(), route))
                    : services.rewriter().rewriteToSend(body, route, rejected.fields());
        } catch (RuntimeException e) {
            writer.fail(AnthropicError.Type.INVALID_REQUEST.error("request cannot be rewritten for route " + route.name()
                    + ": " + e.getMessage()));
            return;
        }
        List<Map.Entry<String, String>> headers = UpstreamHeaders.withoutBetas(
                UpstreamHeaders.build(clientHeaders, route, key, requestId), rejected.betaPrefixes());
        // the rewrite's array goes back to its pool once nothing reads it; not over HTTP/2, whose
        // frames may still point into it after the stream has taken them
        ByteBuffer sent = upstreamBody;
        Runnable bodyDone = openAi || route.transport().http2() ? () -> { }
                : () -> services.rewriter().recycle(sent);
        UpstreamRequest upstreamRequest = new UpstreamRequest(
                kind == Kind.MESSAGES ? route.messagesUri() : route.countTokensUri(),
                headers, upstreamBody, route.connectTimeout(), route.idleTimeout(), route.timeout(), route.transport(),
                bodyDone);
        Attempt attempt = new Attempt(this, route, key, retriesDone, System.nanoTime());
        current = attempt;
        record.attempt(route);
        services.planner().attemptStarted(route);
        attempt.started(services.upstream().send(upstreamRequest, attempt));
        if (clientGone) {
            attempt.abandon();
        }
    }

    void attemptEnded(Attempt attempt) {
        services.planner().attemptEnded(attempt.route());
    }

    void upstreamHead(Attempt attempt, int status, List<Map.Entry<String, String>> headers) {
        RouteConfig route = attempt.route();
        services.metrics().timeToFirstByte(route, Duration.ofNanos(System.nanoTime() - attempt.sentNanos()));
        services.metrics().upstreamOutcome(route, status);
        NextStep next = services.planner().afterStatus(route, attempt.key(), attempt.retriesDone(), status,
                header(headers, "retry-after"));
        if (kind == Kind.COUNT_TOKENS && (status == 404 || status == 405)) {
            attempt.abandon();
            ClientRequestBody request = body;
            onContainerThread(() -> estimate.answer(request, writer, record));
            return;
        }
        if (takeNextStep(attempt, next)) {
            return;
        }
        SessionPin sessionPin = pin;
        if (sessionPin != null && status < 300) {
            // the route and key that answered: this session's next requests go there too
            services.planner().stick(sessionPin, route, attempt.key());
        }
        if ((status == 400 || status == 422) && mayLearnFrom(route)) {
            // held back until its body says whether a retry without a field can succeed
            probe = new RejectionProbe(status, headers);
            return;
        }
        answerHead(route, status, headers);
    }

    /**
     * Whether an error of {@code route} is read for rejected fields: the route learns them, speaks
     * the Anthropic API (the OpenAI translator sends only fields with a Chat Completions
     * counterpart), and this request has not had its one retry for them yet.
     */
    private boolean mayLearnFrom(RouteConfig route) {
        return route.learnRejectedFields() && route.format() == UpstreamFormat.ANTHROPIC && !learnedRetryDone
                && body != null;
    }

    /** The answer's head goes to the writer with the transformer its body passes through. */
    private void answerHead(RouteConfig route, int status, List<Map.Entry<String, String>> headers) {
        record.upstreamStatus(status);
        String contentType = Optional.ofNullable(header(headers, "content-type")).orElse("");
        boolean sse = contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
        if (route.format() == UpstreamFormat.OPENAI) {
            openAiHead(route, status, sse, headers);
        } else {
            transformer = AnswerTransformers.choose(route, kind == Kind.MESSAGES, status, sse,
                    header(headers, "content-encoding"), this::usage);
            keepAliveIfWholeEvents(route, transformer instanceof SseEventFilter);
            writer.head(status, ResponseHeaders.toClient(headers), sse);
        }
        // no retry or fallback can follow: the parsed request need not live as long as the stream
        body = null;
    }

    /** The head of a translated answer: the client gets Anthropic SSE, or JSON (a message or an error). */
    private void openAiHead(RouteConfig route, int status, boolean sse, List<Map.Entry<String, String>> headers) {
        String fallbackModel = route.modelId().isEmpty() ? body.model() : route.modelId();
        transformer = AnswerTransformers.chooseOpenAi(route, status, sse, header(headers, "content-encoding"),
                fallbackModel, OpenAiRequestTranslator.stopSequences(body.spans()), this::usage);
        boolean clientSse = sse && status < 300;
        keepAliveIfWholeEvents(route, clientSse && transformer instanceof OpenAiStreamTranslator);
        List<Map.Entry<String, String>> answerHeaders = ResponseHeaders.toClient(headers);
        writer.head(status, status < 300 || status >= 400
                ? AnswerTransformers.translatedHeaders(answerHeaders, clientSse) : answerHeaders, clientSse);
    }

    /**
     * A stream whose transformer hands the client whole events gets pings after the route's
     * {@code keepalive} of client silence (SPEC "Claude Code as a client"), from the deployment's
     * one sweep; other answers (errors, JSON, bodies passed as they are) never do.
     */
    private void keepAliveIfWholeEvents(RouteConfig route, boolean wholeEvents) {
        if (!wholeEvents || route.keepalive().isZero()) {
            return;
        }
        writer.keepAlive(new KeepAlive(route.keepalive().toNanos()));
        keepAliveRoute = route;
        services.keepAlive().open(this);
    }

    /** The keep-alive sweep's visit (scheduler thread): the writer decides under its lock. */
    @Override
    public void pingIfDue(long nowNanos) {
        RouteConfig route = keepAliveRoute;
        if (route != null && writer.pingIfDue(nowNanos)) {
            services.metrics().keepAlivePing(route);
        }
    }

    void upstreamData(Attempt attempt, ByteBuffer data) {
        int bytes = data.remaining();
        RejectionProbe held = probe;
        if (held != null) {
            if (!held.add(data)) {
                // far longer than an error naming a field: pass it on as it is
                passOn(attempt, held);
            }
            attempt.delivered(bytes);
            attempt.creditIfDrained(writer.queuedBytes());
            return;
        }
        try {
            transformer.transform(data, false, toClient);
        } catch (RuntimeException e) {
            attempt.abandon();
            record.outcome("relay_failed");
            services.accessLog().warn(requestId, "answer could not be relayed: " + e.getMessage());
            writer.fail(AnthropicError.Type.API_ERROR.error("the upstream's answer could not be relayed: " + e.getMessage()));
            return;
        }
        attempt.delivered(bytes);
        attempt.creditIfDrained(writer.queuedBytes());
    }

    void upstreamEnd(Attempt attempt) {
        RejectionProbe held = probe;
        if (held != null) {
            probe = null;
            if (retriedWithoutRejectedFields(attempt, held)) {
                return;
            }
            passOn(attempt, held);
        }
        try {
            transformer.transform(ByteBuffer.allocate(0), true, toClient);
        } catch (RuntimeException e) {
            record.outcome("relay_failed");
            writer.fail(AnthropicError.Type.API_ERROR.error("the upstream's answer could not be relayed: " + e.getMessage()));
            return;
        }
        if (!transformer.complete()) {
            // a clean close without message_stop is still a cut-short answer: never a silent truncation
            record.outcome("stream_cut_short");
            writer.fail(AnthropicError.Type.API_ERROR.error("upstream " + attempt.route().label()
                    + " ended the stream before message_stop"));
            return;
        }
        writer.end();
    }

    /**
     * Reads a held 400 for fields the upstream rejects; when it names some the router sent, the
     * route learns them (stripped from every later request, with their paired betas) and this
     * request is sent again once without them, on the same route and the same body bytes.
     */
    private boolean retriedWithoutRejectedFields(Attempt attempt, RejectionProbe held) {
        ClientRequestBody request = body;
        if (request == null) {
            return false;
        }
        java.util.Set<String> fields = REJECTED_FIELDS.rejected(held.body(), name -> request.spans().get(name) != null
                || (name.equals("thinking") && attempt.route().disableThinking()));
        if (fields.isEmpty()) {
            return false;
        }
        RouteConfig route = attempt.route();
        for (String field : services.planner().learnRejected(route, fields)) {
            services.metrics().rejectedFieldLearned(route);
            services.accessLog().warn(requestId, "route " + route.name() + " learned that its upstream rejects the field "
                    + field + "; it is stripped from now on");
        }
        learnedRetryDone = true;
        services.metrics().retry(route);
        onContainerThread(() -> startAttempt(route, attempt.retriesDone()));
        return true;
    }

    /** A held 400 goes to the client after all, as the upstream sent it. */
    private void passOn(Attempt attempt, RejectionProbe held) {
        probe = null;
        answerHead(attempt.route(), held.status(), held.headers());
        body = null;
        try {
            transformer.transform(ByteBuffer.wrap(held.body()), false, toClient);
        } catch (RuntimeException e) {
            writer.fail(AnthropicError.Type.API_ERROR.error("the upstream's answer could not be relayed: " + e.getMessage()));
        }
    }

    void upstreamFailed(Attempt attempt, UpstreamFailure failure) {
        probe = null;
        if (clientGone || failure.kind() == UpstreamFailure.Kind.CANCELLED) {
            return;
        }
        RouteConfig route = attempt.route();
        services.metrics().upstreamOutcome(route, failure.kind().name().toLowerCase(Locale.ROOT));
        // a client that stops reading makes the router withhold credit (the idle clock is paused
        // meanwhile), until the total timeout: that, like a buffer overflow, is the client's doing
        boolean clientHeldItBack = failure.isTimeout() && attempt.headReceived()
                && writer.queuedBytes() > UpstreamCredit.LOW_WATER_BYTES;
        boolean upstreamsFault = failure.kind() != UpstreamFailure.Kind.OVERFLOW && !clientHeldItBack;
        if (failure.kind() == UpstreamFailure.Kind.CERTIFICATE) {
            services.planner().health(route).certificateRejected(failure.message());
        }
        NextStep next = services.planner().afterFailure(route, failure.message(), upstreamsFault,
                !attempt.headReceived());
        if (takeNextStep(attempt, next)) {
            return;
        }
        record.outcome(failure.kind().name().toLowerCase(Locale.ROOT));
        writer.fail(failure.isTimeout() ? AnthropicError.Type.TIMEOUT.error(failure.message())
                : AnthropicError.Type.API_ERROR.error(failure.message()));
    }

    /** Carries out a retry or fallback; false when the answer is to be passed on. */
    private boolean takeNextStep(Attempt attempt, NextStep next) {
        if (next instanceof NextStep.Retry retry) {
            attempt.abandon();
            services.metrics().retry(attempt.route());
            try {
                services.scheduler().schedule(
                        () -> onContainerThread(() -> startAttempt(attempt.route(), attempt.retriesDone() + 1)),
                        retry.delay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                refuseWhileShuttingDown();
            }
            return true;
        }
        if (next instanceof NextStep.Fallback fallback) {
            attempt.abandon();
            services.metrics().fallback(attempt.route(), fallback.route());
            onContainerThread(() -> startAttempt(fallback.route(), 0));
            return true;
        }
        return false;
    }

    /**
     * Runs a rewrite or an estimate on a container thread: it may take milliseconds for a large
     * body, and the HttpClient reactor and the single scheduler thread serve every exchange.
     */
    private void onContainerThread(Runnable work) {
        try {
            asyncContext.start(work);
        } catch (IllegalStateException | RejectedExecutionException shuttingDown) {
            refuseWhileShuttingDown();
        }
    }

    /** A retry or fallback that can no longer run still ends the exchange, never leaves it open. */
    private void refuseWhileShuttingDown() {
        record.outcome("shutting_down");
        writer.fail(AnthropicError.Type.OVERLOADED.error("Model Router is shutting down; retry shortly"));
    }

    private void usage(TokenUsage usage) {
        record.usage(usage);
    }

    // ---- client side (container threads, reactor) ----

    @Override
    public void drained(long queuedBytes) {
        Attempt attempt = current;
        if (attempt != null) {
            attempt.creditIfDrained(queuedBytes);
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

    /**
     * The client closed or reset its connection (or broke HTTP/1.1 by pipelining after its POST)
     * while its answer was pending; deadline sweep thread. The upstream exchange is cancelled and
     * the cycle ends with an error nobody may read, which returns the permit.
     */
    private void clientLeftWhileWaiting() {
        record.outcome("client_gone_while_waiting");
        clientGone(new java.io.IOException("client left while its answer was pending"));
        writer.fail(AnthropicError.Type.INVALID_REQUEST.error("the client closed its connection, or sent bytes after "
                + "its request (HTTP/1.1 pipelining after a POST, RFC 9112 section 9.3.2), while its answer was pending"));
    }

    @Override
    public void answerStarting() {
        ClientPresence watch = presence;
        if (watch != null) {
            watch.stop();
        }
    }

    @Override
    public void aborting() {
        finish();
        ConcurrencyLimitFilter.releaseBeforeAbort(asyncContext.getRequest());
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish();
    }

    /** The exchange's end: on completion, or just before an abort (which may bring no completion). */
    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        answerStarting();
        if (keepAliveRoute != null) {
            keepAliveRoute = null;
            services.keepAlive().close(this);
        }
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
