package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import io.github.modelrouter.config.RouteTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;

/**
 * The upstream side of a deployment, shared by all routes: sends a request, streams the answer to a
 * handler with back-pressure, and enforces the route's connect, idle and total timeouts. Each
 * request travels the way its route's {@link RouteTransport} says (extra CAs, outbound proxy,
 * HTTP/2), through one HttpClient per distinct transport ({@link TransportClients}). Owned by the
 * composition root; {@link #close} drains it on shutdown.
 *
 * <p>HTTP/1.1 unless a route sets {@code http2}: HTTP/1.1's flow control is the one our window
 * accounting was built on, and each stream on its own connection keeps one slow provider stream
 * from stalling others. On HTTP/2 the same window is granted per stream (WINDOW_UPDATE), and
 * HttpClient keeps the connection-level window open, so that holds there too.
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

    /**
     * How long after the total timeout HttpClient's own socket timeout may fire: it is only a
     * backstop. The router's deadlines (idle, total) end exchanges; a socket timeout cannot tell a
     * silent upstream from one the router holds back for a slow client.
     */
    static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    private final TransportClients clients;
    private final DeadlineSweep deadlines;
    private final long maxBufferedBytes;

    /**
     * @param maxConnections connections kept per upstream host and in all (at least the concurrency cap)
     * @param maxBufferedBytes hard cap on answer bytes buffered per exchange for a slow client
     * @param transports the routes' transports, whose clients are started now (others on first use)
     * @param deadlines where each exchange's total and idle timeouts are kept (owned by the caller)
     */
    public UpstreamClient(int maxConnections, long maxBufferedBytes, Collection<RouteTransport> transports,
                          DeadlineSweep deadlines) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.deadlines = deadlines;
        this.clients = new TransportClients(maxConnections, transports);
    }

    /**
     * Starts one exchange; the answer goes to {@code handler} on the I/O reactor. Never blocks.
     */
    public UpstreamExchange send(UpstreamRequest request, UpstreamResponseHandler handler) {
        ProxySetting proxy = request.transport().proxy().orElse(null);
        boolean tunnelled = proxy != null && "https".equalsIgnoreCase(request.uri().getScheme());
        UpstreamCall call = new UpstreamCall(handler, maxBufferedBytes, request.uri().getHost(), proxy, tunnelled,
                deadlines, request.idleTimeout());
        StreamingResponseConsumer consumer = call.consumer();

        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig(request));
        if (proxy != null && proxy.hasCredentials()) {
            context.resetAuthExchange(TransportClients.proxyHost(proxy), preemptiveBasic(proxy));
        }
        Future<Void> future = clients.client(request.transport()).execute(producer(request, consumer), consumer, context,
                new FutureCallback<>() {
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
        call.started(future, context, deadlines.after(request.totalTimeout(), call::totalTimeout));
        return call;
    }

    /**
     * Basic credentials sent with the first CONNECT (or proxied request), not after a 407: a
     * request body is sent once (it is not repeatable), so a challenge round-trip would lose it.
     * A fresh scheme per exchange: no auth state is shared between clients of the router.
     */
    private static BasicScheme preemptiveBasic(ProxySetting proxy) {
        BasicScheme basic = new BasicScheme();
        basic.initPreemptive(new UsernamePasswordCredentials(proxy.username(), proxy.password().value().toCharArray()));
        return basic;
    }

    /**
     * Per request: routes differ. The response (socket) timeout is not the route's idle timeout:
     * the {@link IdleWatch} keeps that, because a socket quiet while the router withholds credit
     * from a slow client is no idle upstream. It stays as a backstop past the total timeout.
     */
    @SuppressWarnings("deprecation") // per-request connect timeout: routes differ, the pool-wide one cannot
    private static RequestConfig requestConfig(UpstreamRequest request) {
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.of(request.connectTimeout()))
                .setConnectionRequestTimeout(Timeout.of(request.connectTimeout()))
                .setResponseTimeout(Timeout.of(request.totalTimeout().plus(SOCKET_TIMEOUT_MARGIN)))
                .setRedirectsEnabled(false)
                .build();
    }

    private static AsyncRequestProducer producer(UpstreamRequest request, StreamingResponseConsumer consumer) {
        BasicHttpRequest upstreamRequest = new BasicHttpRequest("POST", request.uri());
        String contentType = "application/json";
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getKey().equals("content-type")) {
                contentType = header.getValue();
            } else {
                upstreamRequest.addHeader(header.getKey(), header.getValue());
            }
        }
        return new BasicRequestProducer(upstreamRequest, new OneShotEntityProducer(request.body(), contentType,
                consumer::requestProgressed, request.bodyDone()));
    }

    /** The pooled upstream connections now, for the metrics. */
    public UpstreamConnections connections() {
        return clients.connections();
    }

    /**
     * Lets in-flight exchanges finish for up to {@code grace}, then closes every connection.
     */
    public void close(Duration grace) {
        clients.close(grace);
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
