package io.github.modelrouter.load;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fast local upstream on 127.0.0.1 (free port): embedded Jetty 12 core with one non-blocking
 * {@link UpstreamHandler}, so thousands of open streams cost a connection each and no thread. Held
 * streams are pinged every second by one scheduler thread.
 */
final class FastUpstream implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final HeldStreams held = new HeldStreams();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "upstream-pinger");
        thread.setDaemon(true);
        return thread;
    });

    private FastUpstream(AnthropicWire wire) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("upstream");
        server = new Server(threads);
        // HTTP/1.1, and h2c with prior knowledge on the same port for routes with http2=true
        HttpConfiguration http = new HttpConfiguration();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
        h2c.setMaxConcurrentStreams(100_000);
        connector = new ServerConnector(server, new HttpConnectionFactory(http), h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // thousands of streams open within a second; the JDK's default backlog of 50 would drop SYNs
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(5));
        server.addConnector(connector);
        server.setHandler(new UpstreamHandler(wire, held));
    }

    static FastUpstream start(AnthropicWire wire) throws Exception {
        FastUpstream upstream = new FastUpstream(wire);
        upstream.server.start();
        upstream.pinger.scheduleAtFixedRate(upstream.held::pingAll, 1, 1, TimeUnit.SECONDS);
        return upstream;
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Base URL of a mode, e.g. {@code http://127.0.0.1:1234/fast}, as a route's upstream. */
    URI base(String mode) {
        return URI.create("http://127.0.0.1:" + port() + "/" + mode);
    }

    /** Where a client posts messages directly, e.g. {@code http://127.0.0.1:1234/fast/v1/messages}. */
    URI messages(String mode) {
        return URI.create(base(mode) + "/v1/messages");
    }

    HeldStreams held() {
        return held;
    }

    @Override
    public void close() throws Exception {
        pinger.shutdownNow();
        server.stop();
    }
}
