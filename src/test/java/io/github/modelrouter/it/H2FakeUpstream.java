package io.github.modelrouter.it;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An HTTP/2-only upstream (h2c, prior knowledge) on 127.0.0.1, embedded Jetty: it answers every
 * request with an SSE stream carrying a thinking block, and counts the TCP connections it accepted
 * and the HTTP version of each request. A gate can hold every stream after its first events until
 * a given number of streams are open at once.
 */
final class H2FakeUpstream implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> lastVersion = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

    H2FakeUpstream() throws Exception {
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(new HttpConfiguration());
        h2c.setMaxConcurrentStreams(256);
        connector = new ServerConnector(server, h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connections.incrementAndGet();
            }
        });
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                answer(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    String url(String prefix) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/" + prefix;
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    String lastVersion() {
        return lastVersion.get();
    }

    /** From now on, each stream waits after its first events until {@code streams} streams are open. */
    CountDownLatch holdUntil(int streams) {
        CountDownLatch latch = new CountDownLatch(streams);
        gate.set(latch);
        return latch;
    }

    private void answer(Request request, Response response, Callback callback) throws Exception {
        requests.incrementAndGet();
        lastVersion.set(request.getConnectionMetaData().getHttpVersion().asString());
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        java.util.regex.Matcher model = java.util.regex.Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        List<String> events = Answers.thinkingStream(model.find() ? model.group(1) : "");
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        CountDownLatch latch = gate.get();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(events.get(0).getBytes(StandardCharsets.UTF_8));
            out.flush();
            latch.countDown();
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not all streams were open at once");
            }
            for (String event : events.subList(1, events.size())) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (Exception e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
