package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * Streams one upstream answer to an {@link UpstreamResponseHandler} as it arrives, with credit
 * granted through a {@link FlowWindow} instead of a fixed window (as
 * {@code AbstractBinResponseConsumer} would grant), and a hard cap on buffered bytes because
 * HTTP/1.1 decoding can overshoot the window.
 *
 * <p>Called on the I/O reactor thread, except {@link #terminate} which timers and cancellation
 * call from other threads; a lock keeps handler calls from overlapping. Must not block.
 */
final class StreamingResponseConsumer implements AsyncResponseConsumer<Void> {

    private final UpstreamResponseHandler handler;
    private final FlowWindow window;
    private final long maxBufferedBytes;
    private final String upstreamHost;
    private final ProxySetting proxy;
    private final boolean tunnelled;
    private final Runnable onTerminated;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean headReceived;
    private boolean terminated;
    private FutureCallback<Void> resultCallback;
    /**
     * When the upstream last showed life (took request bytes, sent a head or body bytes), or the
     * exchange was made: the {@link IdleWatch} measures the upstream's silence from here.
     */
    private volatile long lastActivityNanos = System.nanoTime();

    StreamingResponseConsumer(UpstreamResponseHandler handler, FlowWindow window, long maxBufferedBytes,
                              String upstreamHost, ProxySetting proxy, boolean tunnelled, Runnable onTerminated) {
        this.handler = handler;
        this.proxy = proxy;
        this.tunnelled = tunnelled;
        this.onTerminated = onTerminated;
        this.window = window;
        this.maxBufferedBytes = maxBufferedBytes;
        this.upstreamHost = upstreamHost;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
                                FutureCallback<Void> callback) throws HttpException {
        lastActivityNanos = System.nanoTime();
        if (proxy != null && (response.getCode() == 407
                || (tunnelled && HttpCoreContext.castOrCreate(context).getSSLSession() == null))) {
            // The proxy answered, not the provider: only a proxy sends 407, and an https
            // upstream's answer always comes over TLS, so an answer without a TLS session is the
            // proxy's refusal of the CONNECT (HttpClient hands that response on as the answer).
            terminate(FailureClassifier.proxyRefused(proxy, upstreamHost, response.getCode(), response.getReasonPhrase()));
            throw new HttpException("refused by the proxy");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : response.getHeaders()) {
            headers.add(Map.entry(header.getName().toLowerCase(Locale.ROOT), header.getValue()));
        }
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            resultCallback = callback;
            headReceived = true;
            handler.onHead(response.getCode(), headers, entityDetails != null);
            if (entityDetails == null) {
                terminated = true;
                handler.onEnd();
            }
        } finally {
            lock.unlock();
        }
        if (entityDetails == null) {
            onTerminated.run();
            callback.completed(null);
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing the client needs, but the upstream did speak
        lastActivityNanos = System.nanoTime();
    }

    /**
     * The upstream took bytes of the request (each write of the request body): an upstream
     * reading a large body slowly is not silent.
     */
    void requestProgressed() {
        lastActivityNanos = System.nanoTime();
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) {
        window.attach(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        lastActivityNanos = System.nanoTime();
        int bytes = src.remaining();
        // HTTP/1.1 chunk decoding keeps reading while the socket has data, window or not: against
        // an upstream flooding faster than the client reads, only this cap bounds memory
        if (window.consumed(bytes) > maxBufferedBytes) {
            terminate(new UpstreamFailure(UpstreamFailure.Kind.OVERFLOW,
                    "the client is not reading the answer; more than " + maxBufferedBytes + " bytes buffered"));
            throw new IOException("buffer cap exceeded");
        }
        boolean cancelled;
        lock.lock();
        try {
            cancelled = terminated;
            if (!cancelled) {
                handler.onData(src);
            }
        } finally {
            lock.unlock();
        }
        if (cancelled) {
            // the exchange was cancelled but its connection still delivers: failing here makes
            // HttpClient drop the connection, so the provider stops generating even if the
            // cancellation did not reach the exchange
            throw new IOException("upstream exchange cancelled");
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        FutureCallback<Void> callback;
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            terminated = true;
            callback = resultCallback;
            handler.onEnd();
        } finally {
            lock.unlock();
        }
        onTerminated.run();
        if (callback != null) {
            callback.completed(null);
        }
    }

    @Override
    public void failed(Exception cause) {
        terminate(FailureClassifier.classify(cause, upstreamHost, proxy, headReceivedSafely()));
    }

    /**
     * Ends the exchange with {@code failure} unless it has already ended; any thread. True when
     * this call ended it.
     */
    boolean terminate(UpstreamFailure failure) {
        lock.lock();
        try {
            if (terminated) {
                return false;
            }
            terminated = true;
            handler.onFailure(failure);
        } finally {
            lock.unlock();
        }
        onTerminated.run();
        return true;
    }

    /** When the upstream last showed life; see {@link #requestProgressed}. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    String upstreamHost() {
        return upstreamHost;
    }

    boolean isTerminated() {
        lock.lock();
        try {
            return terminated;
        } finally {
            lock.unlock();
        }
    }

    boolean headReceivedSafely() {
        lock.lock();
        try {
            return headReceived;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseResources() {
        // nothing pooled here: buffers belong to HttpClient or the handler
    }
}
