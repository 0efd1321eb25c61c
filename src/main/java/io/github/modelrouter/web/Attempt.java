package io.github.modelrouter.web;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.Secret;
import io.github.modelrouter.upstream.UpstreamExchange;
import io.github.modelrouter.upstream.UpstreamFailure;
import io.github.modelrouter.upstream.UpstreamResponseHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One try of an exchange against one route with one key. Relays the upstream's callbacks to its
 * {@link ProxyExchange} until it is abandoned (a retry or fallback took over, or the client left),
 * after which they are dropped: an abandoned attempt's answer must never reach the client.
 *
 * <p>It also keeps the attempt's flow-control account ({@link UpstreamCredit}): bytes the upstream
 * delivered are owed back to it as credit once the client's queue has drained. A retry starts a
 * new attempt and so a fresh account.
 *
 * <p>Upstream callbacks arrive on the HttpClient reactor thread (or the timer thread); must not
 * block. {@link #creditIfDrained} is also called from container threads (the writer's drain).
 */
final class Attempt implements UpstreamResponseHandler {

    private final ProxyExchange exchange;
    private final RouteConfig route;
    private final Secret key;
    private final int retriesDone;
    private final long sentNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final UpstreamCredit credit = new UpstreamCredit();
    private volatile UpstreamExchange upstream;
    private volatile boolean abandoned;
    private volatile boolean headReceived;

    Attempt(ProxyExchange exchange, RouteConfig route, Secret key, int retriesDone, long sentNanos) {
        this.exchange = exchange;
        this.route = route;
        this.key = key;
        this.retriesDone = retriesDone;
        this.sentNanos = sentNanos;
    }

    /**
     * The upstream's handle, once {@code send} returned; the reactor may have delivered the answer's
     * first window already, and its credit is returned now (see {@link UpstreamCredit}).
     */
    void started(UpstreamExchange upstreamExchange) {
        this.upstream = upstreamExchange;
        credit.attach(upstreamExchange, exchange.writer().queuedBytes());
        if (abandoned) {
            upstreamExchange.cancel();
        }
    }

    /** Stops the upstream exchange and ignores whatever it still reports. Any thread. */
    void abandon() {
        abandoned = true;
        UpstreamExchange current = upstream;
        if (current != null) {
            current.cancel();
        }
    }

    /** The upstream delivered {@code bytes} that the client side now holds. */
    void delivered(int bytes) {
        credit.delivered(bytes);
    }

    /** Returns what is owed to the upstream once the client's queue is down to the low-water mark. Any thread. */
    void creditIfDrained(long queuedBytes) {
        credit.returnIfDrained(queuedBytes);
    }

    RouteConfig route() {
        return route;
    }

    Secret key() {
        return key;
    }

    int retriesDone() {
        return retriesDone;
    }

    long sentNanos() {
        return sentNanos;
    }

    boolean headReceived() {
        return headReceived;
    }

    @Override
    public void onHead(int status, List<Map.Entry<String, String>> headers, boolean hasBody) {
        headReceived = true;
        if (!abandoned) {
            exchange.upstreamHead(this, status, headers);
        }
    }

    @Override
    public void onData(ByteBuffer data) {
        if (!abandoned) {
            exchange.upstreamData(this, data);
        }
    }

    @Override
    public void onEnd() {
        if (markEnded() && !abandoned) {
            exchange.upstreamEnd(this);
        }
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        if (markEnded() && !abandoned) {
            exchange.upstreamFailed(this, failure);
        }
    }

    private boolean markEnded() {
        if (ended.compareAndSet(false, true)) {
            exchange.attemptEnded(this);
            return true;
        }
        return false;
    }
}
