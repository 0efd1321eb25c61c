package io.github.modelrouter.upstream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HttpClient 5 async client of a deployment, shared by all routes: sends a request, streams
 * the answer to a handler with back-pressure, and enforces the route's connect, idle and total
 * timeouts. Owned by the composition root; {@link #close} drains it on shutdown.
 *
 * <p>HTTP/1.1 only: its flow control is the one our window accounting is built and tested on, and
 * each stream on its own connection keeps one slow provider stream from stalling others.
 */
public final class UpstreamClient implements AutoCloseable {

    /** Window of answer bytes the upstream may send ahead of the client (HttpClient's default). */
    static final int WINDOW_BYTES = 65_535;
    /**
     * Socket receive buffer for upstream connections. Setting it turns off Linux's autotuning,
     * which matters: HTTP/1.1 chunk decoding drains everything the kernel holds in one read event
     * even when the window is closed, so with autotuning (up to several MB) a slow client's
     * exchange would buffer megabytes. 128 KiB still carries hundreds of KB/s at 200 ms RTT,
     * far more than a model generates.
     */
    static final int RECEIVE_BUFFER_BYTES = 128 * 1024;
    /** HTTP/1.1 session buffer size per connection (input, output, content). */
    static final int CONNECTION_BUFFER_BYTES = 8 * 1024;

    private final CloseableHttpAsyncClient httpClient;
    private final ScheduledThreadPoolExecutor timer;
    private final long maxBufferedBytes;

    /**
     * @param maxConnections connections kept per upstream host and in all (at least the concurrency cap)
     * @param maxBufferedBytes hard cap on answer bytes buffered per exchange for a slow client
     */
    public UpstreamClient(int maxConnections, long maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.timer = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("model-router-timeouts", true));
        this.timer.setRemoveOnCancelPolicy(true);
        this.httpClient = HttpAsyncClients.custom()
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(Http1Config.custom()
                        .setInitialWindowSize(WINDOW_BYTES)
                        // three buffers of this size live per connection; the 32 KiB default made
                        // them most of the ~120 KiB of heap an open stream cost
                        .setBufferSize(CONNECTION_BUFFER_BYTES)
                        .build())
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).setRcvBufSize(RECEIVE_BUFFER_BYTES).build())
                .setThreadFactory(new DefaultThreadFactory("model-router-upstream", true))
                // Must not store cookies or auth state: they would mix between clients.
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                // A retry or redirect after bytes were sent could double-bill the user; fallback
                // and retries are decided by the proxy, before the answer began.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                // the stream stage must see plain SSE bytes
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.httpClient.start();
    }

    /**
     * Starts one exchange; the answer goes to {@code handler} on the I/O reactor. Never blocks.
     */
    public UpstreamExchange send(UpstreamRequest request, UpstreamResponseHandler handler) {
        UpstreamCall call = new UpstreamCall(handler, maxBufferedBytes, request.uri().getHost());
        StreamingResponseConsumer consumer = call.consumer();

        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig(request));
        Future<Void> future = httpClient.execute(producer(request), consumer, context, new FutureCallback<>() {
            @Override
            public void completed(Void result) {
                // the consumer has already reported the end
            }

            @Override
            public void failed(Exception cause) {
                consumer.failed(cause);
            }

            @Override
            public void cancelled() {
                consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled"));
            }
        });
        ScheduledFuture<?> totalTimer = timer.schedule(call::totalTimeout,
                request.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        call.started(future, totalTimer);
        return call;
    }

    @SuppressWarnings("deprecation") // per-request connect timeout: routes differ, the pool-wide one cannot
    private static RequestConfig requestConfig(UpstreamRequest request) {
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.of(request.connectTimeout()))
                .setConnectionRequestTimeout(Timeout.of(request.connectTimeout()))
                .setResponseTimeout(Timeout.of(request.idleTimeout()))
                .setRedirectsEnabled(false)
                .build();
    }

    private static AsyncRequestProducer producer(UpstreamRequest request) {
        BasicHttpRequest upstreamRequest = new BasicHttpRequest("POST", request.uri());
        String contentType = "application/json";
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getKey().equals("content-type")) {
                contentType = header.getValue();
            } else {
                upstreamRequest.addHeader(header.getKey(), header.getValue());
            }
        }
        return new BasicRequestProducer(upstreamRequest, new OneShotEntityProducer(request.body(), contentType));
    }

    /**
     * Lets in-flight exchanges finish for up to {@code grace}, then closes every connection.
     */
    public void close(Duration grace) {
        httpClient.initiateShutdown();
        try {
            httpClient.awaitShutdown(TimeValue.ofMilliseconds(grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpClient.close(CloseMode.IMMEDIATE);
        timer.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
