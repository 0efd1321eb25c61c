package io.github.modelrouter.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 (free port) that speaks the Anthropic wire format, standing in
 * for DeepSeek, Kimi and MiniMax in integration tests. Each provider is a path prefix
 * ({@code /deepseek}, {@code /kimi}, …). Every request is recorded; answers come from a
 * {@link Responder} set per prefix, by default an Anthropic message (JSON, or SSE when the request
 * says {@code "stream": true}) naming the model it received.
 *
 * <p>A test class holds it as a JUnit 5 extension, which stops it after the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();
 * }</pre>
 *
 * The server starts when the static field initialises, so its port is known before Arquillian
 * calls the class's static {@code @Deployment} method. {@link #resetBeforeEach()} is opt-in: a
 * class without it keeps responders and unread requests from one test to the next.
 */
public final class FakeUpstream implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** Answers one recorded request on its exchange (blocking is fine here: test threads). */
    @FunctionalInterface
    public interface Responder {
        void respond(Recorded request, HttpExchange exchange) throws Exception;
    }

    /** One request as the upstream received it. */
    public record Recorded(String method, String path, String query, Headers headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public boolean streamRequested() {
            return bodyText().matches("(?s).*\"stream\"\\s*:\\s*true.*");
        }

        public String model() {
            Matcher m = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"").matcher(bodyText());
            return m.find() ? m.group(1) : "";
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-upstream");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Recorded> received = new LinkedBlockingQueue<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private volatile boolean resetBeforeEach;

    private final String scheme;
    private final java.util.concurrent.atomic.AtomicInteger handshakes = new java.util.concurrent.atomic.AtomicInteger();

    private FakeUpstream(javax.net.ssl.SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        scheme = tls == null ? "http" : "https";
        if (tls == null) {
            server = HttpServer.create(address, 200);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 200);
            https.setHttpsConfigurator(new TlsConfigurator(tls, handshakes));
            server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeUpstream start() {
        return start(null);
    }

    /** The same fake over TLS, presenting the identity of {@code tls} (null: plain HTTP). */
    public static FakeUpstream start(javax.net.ssl.SSLContext tls) {
        try {
            return new FakeUpstream(tls);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As an extension, {@link #reset()} before each test of the class; returns this. */
    public FakeUpstream resetBeforeEach() {
        resetBeforeEach = true;
        return this;
    }

    /** Runs before the class's own {@code @BeforeEach} methods, so those may set responders. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach) {
            reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Base URL of a provider prefix, e.g. {@code http://127.0.0.1:1234/deepseek}. */
    public String url(String prefix) {
        return url("127.0.0.1", prefix);
    }

    /** Base URL of a provider prefix with {@code host} as the URL's host (it must resolve to loopback). */
    public String url(String host, String prefix) {
        return scheme + "://" + host + ":" + server.getAddress().getPort() + "/" + prefix;
    }

    /** TLS connections accepted so far (each one a handshake). */
    public int handshakes() {
        return handshakes.get();
    }

    /** Presents the TLS identity and counts the connections it is used for. */
    private static final class TlsConfigurator extends com.sun.net.httpserver.HttpsConfigurator {
        private final java.util.concurrent.atomic.AtomicInteger handshakes;

        TlsConfigurator(javax.net.ssl.SSLContext context, java.util.concurrent.atomic.AtomicInteger handshakes) {
            super(context);
            this.handshakes = handshakes;
        }

        @Override
        public void configure(com.sun.net.httpserver.HttpsParameters params) {
            // called once per accepted TLS connection, before its handshake
            handshakes.incrementAndGet();
            params.setSSLParameters(getSSLContext().getDefaultSSLParameters());
        }
    }


    /** Answers requests under {@code /<prefix>} with {@code responder} until changed. */
    public void on(String prefix, Responder responder) {
        responders.put(prefix, responder);
    }

    /** Back to the default Anthropic answers everywhere. */
    public void reset() {
        responders.clear();
        received.clear();
    }

    /** The next request received, waiting up to 10 s. */
    public Recorded take() {
        try {
            Recorded r = received.poll(10, TimeUnit.SECONDS);
            return Objects.requireNonNull(r, "no request reached the fake upstream within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next request if one arrives within {@code wait}, else null. */
    public Recorded poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Requests received and not yet taken. */
    public java.util.Collection<Recorded> received() {
        return received;
    }


    /** Thrown by a responder to drop the connection without ending the answer (no final chunk). */
    public static final class AbortConnection extends IOException {
        public AbortConnection() {
            super("fake upstream aborts the connection");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean abort = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            received.add(recorded);
            String prefix = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
            Responder responder = responders.getOrDefault(prefix, Answers.defaultAnswer());
            responder.respond(recorded, exchange);
        } catch (AbortConnection e) {
            abort = true;
        } catch (Exception e) {
            // a client that left: nothing to report
        } finally {
            if (!abort) {
                exchange.close();
            }
        }
        if (abort) {
            // HttpServer closes the connection when a handler throws, without a terminating chunk
            throw new AbortConnection();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Writes a complete JSON answer. */
    public static void sendJson(HttpExchange exchange, int status, String json, Map<String, String> headers)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("request-id", "upstream-req-1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts a chunked SSE answer; write events with {@link #sendEvent}. */
    public static OutputStream startSse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    public static void sendEvent(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

}
