package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import io.github.modelrouter.config.RouteTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * One started HttpClient per distinct {@link RouteTransport} (trust, proxy, HTTP/2): routes that
 * reach their upstreams the same way share a client and its connection pool; a route with its own
 * CA or proxy gets a client of its own, because HttpClient fixes TLS trust and proxy per client.
 * The default configuration therefore runs exactly one client. A route with {@code http2} and no
 * proxy gets HttpClient's HTTP/2 client (one multiplexed connection per upstream); behind a proxy,
 * HTTP/2 is negotiated inside the CONNECT tunnel by the pooling client.
 *
 * <p>Not HttpClient's {@code MinimalHttpAsyncClient}, although it skips the execution chain (a
 * few per cent of a small request's CPU): in 5.6 cancelling its future only cancels the lease,
 * so an exchange whose client left or whose total timeout passed kept its connection until the
 * upstream spoke again or the idle timeout closed it. The full client's cancel closes it at once.
 * Thread-safe.
 */
final class TransportClients {


    private final int maxConnections;
    private final Map<RouteTransport, CloseableHttpAsyncClient> clients = new ConcurrentHashMap<>();
    /**
     * Every connection manager made by {@link #connectionManager} (direct and proxied clients), for
     * {@link #connections}; the HTTP/2 client keeps its own, which HttpClient does not expose.
     */
    private final List<PoolingAsyncClientConnectionManager> pools = new CopyOnWriteArrayList<>();

    TransportClients(int maxConnections, Collection<RouteTransport> transports) {
        this.maxConnections = maxConnections;
        transports.forEach(this::client);
    }

    /** The client for {@code transport}, started on first use. */
    CloseableHttpAsyncClient client(RouteTransport transport) {
        return clients.computeIfAbsent(transport, this::start);
    }

    /** The proxy as HttpClient names it (the key of its auth exchange), for a transport with one. */
    static HttpHost proxyHost(ProxySetting proxy) {
        return new HttpHost(URIScheme.HTTP.id, proxy.host(), proxy.port());
    }

    private CloseableHttpAsyncClient start(RouteTransport transport) {
        CloseableHttpAsyncClient client = transport.proxy().isPresent() ? pooledClient(transport)
                : transport.http2() ? http2Client(transport) : pooledClient(transport);
        client.start();
        return client;
    }

    private PoolingAsyncClientConnectionManager connectionManager(RouteTransport transport, boolean http2) {
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(UpstreamTls.strategy(transport.extraTrust()))
                .setTlsConfigResolver(host -> tlsConfig(host, http2, transport))
                // HTTP/2: many exchanges share one connection per upstream
                .setMessageMultiplexing(http2)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        pools.add(pool);
        return pool;
    }

    private static IOReactorConfig reactorConfig() {
        return IOReactorConfig.custom().setTcpNoDelay(true).setRcvBufSize(UpstreamClient.RECEIVE_BUFFER_BYTES).build();
    }

    /**
     * HTTP/2 only, one connection per upstream carrying every exchange as a stream: requests that
     * arrive while that connection is being opened wait for it, instead of each opening its own (as
     * the pooling client's sharing does for a burst on a cold pool). https upstreams must agree to
     * h2 in ALPN; http upstreams are spoken to in h2c with prior knowledge.
     */
    private static CloseableHttpAsyncClient http2Client(RouteTransport transport) {
        return HttpAsyncClients.customHttp2()
                // the same per-stream window as HTTP/1.1: credit is granted as the client drains,
                // stream by stream (WINDOW_UPDATE), while HttpClient keeps the connection's window
                // open, so one slow client does not stall the connection's other streams
                .setH2Config(H2Config.custom()
                        .setInitialWindowSize(UpstreamClient.WINDOW_BYTES)
                        .setPushEnabled(false)
                        .build())
                .setTlsStrategy(UpstreamTls.strategy(transport.extraTrust()))
                .setIOReactorConfig(reactorConfig())
                .setThreadFactory(new DefaultThreadFactory("model-router-upstream-h2", true))
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    private CloseableHttpAsyncClient pooledClient(RouteTransport transport) {
        boolean http2 = transport.http2();
        var builder = HttpAsyncClients.custom()
                .setHttp1Config(Http1Config.custom()
                        .setInitialWindowSize(UpstreamClient.WINDOW_BYTES)
                        // three buffers of this size live per connection; the 32 KiB default made
                        // them most of the ~120 KiB of heap an open stream cost
                        .setBufferSize(UpstreamClient.CONNECTION_BUFFER_BYTES)
                        .build())
                // HTTP/2 through a proxy's CONNECT tunnel, negotiated with ALPN
                .setH2Config(H2Config.custom()
                        .setInitialWindowSize(UpstreamClient.WINDOW_BYTES)
                        .setPushEnabled(false)
                        .build())
                .setConnectionManager(connectionManager(transport, http2))
                .setIOReactorConfig(reactorConfig())
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
                .evictIdleConnections(TimeValue.ofSeconds(30));
        if (!http2) {
            // one exchange per connection: a cancelled exchange's connection can be closed by itself
            builder.addExecInterceptorFirst(ExchangeConnections.NAME, new ExchangeConnections());
        }
        // https upstreams are tunnelled with CONNECT, http ones sent to the proxy as absolute URIs
        transport.proxy().ifPresent(proxy -> builder.setProxy(proxyHost(proxy)));
        return builder.build();
    }

    /**
     * HTTP/1.1 unless the route asks for HTTP/2: then ALPN offers h2 and http/1.1 to an https
     * upstream (it picks), and a plain http upstream is spoken to in h2c with prior knowledge
     * (HttpClient cannot upgrade from HTTP/1.1), so it must speak h2c. Through a proxy, HTTP/2 is
     * only negotiated inside a CONNECT tunnel.
     */
    private static TlsConfig tlsConfig(HttpHost host, boolean http2, RouteTransport transport) {
        // the proxy itself is always spoken to in HTTP/1.1 (CONNECT, or absolute-URI requests)
        boolean toProxy = transport.proxy().map(TransportClients::proxyHost).filter(host::equals).isPresent();
        HttpVersionPolicy policy = !http2 || toProxy ? HttpVersionPolicy.FORCE_HTTP_1
                : URIScheme.HTTPS.same(host.getSchemeName()) ? HttpVersionPolicy.NEGOTIATE
                : HttpVersionPolicy.FORCE_HTTP_2;
        return TlsConfig.custom().setSupportedProtocols(UpstreamTls.VERSIONS).setVersionPolicy(policy).build();
    }

    /** Pooled connections of the direct and proxied clients: leased to an exchange, and idle (kept for reuse). */
    UpstreamConnections connections() {
        int leased = 0;
        int idle = 0;
        for (PoolingAsyncClientConnectionManager pool : pools) {
            PoolStats stats = pool.getTotalStats();
            leased += stats.getLeased();
            idle += stats.getAvailable();
        }
        return new UpstreamConnections(leased, idle);
    }

    /** Lets in-flight exchanges finish for up to {@code grace} in all clients, then closes them. */
    void close(Duration grace) {
        List<CloseableHttpAsyncClient> all = new ArrayList<>(clients.values());
        all.forEach(CloseableHttpAsyncClient::initiateShutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (CloseableHttpAsyncClient client : all) {
                long left = Math.max(0, deadline - System.nanoTime());
                client.awaitShutdown(TimeValue.ofMilliseconds(left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(client -> client.close(CloseMode.IMMEDIATE));
    }
}
