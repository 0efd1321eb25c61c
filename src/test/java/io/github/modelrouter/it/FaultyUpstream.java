package io.github.modelrouter.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An upstream on a plain {@link ServerSocket} (127.0.0.1, free port) that misbehaves on purpose,
 * at the byte level HttpServer hides: resets with {@code SO_LINGER 0}, stalls, cuts a chunk in
 * half, floods. The request's model picks the fault: {@code <route>-<fault>} with the fault's
 * name in lower case and dashes ({@code fault-reset-before-head}); {@code "stream": true} picks
 * SSE framing (chunked), else JSON (content-length). See {@link UpstreamFault}.
 *
 * <p>Each exchange can also be looked up by the router's {@code x-request-id} ({@link #forRequest}),
 * with what was written of its body ({@link BodyLog}: the length, and the first bytes when started
 * with {@link #start(int)}), so a check compares an answer with exactly what was sent for it.
 *
 * <p>It counts connections exactly: a connection is open from accept until the router closes it,
 * which the fake notices at once because whatever it does meanwhile (stall, drip, wait for the
 * next keep-alive request) it does by reading or writing the socket. Each request is recorded as
 * an {@link Exchange} with the digest of the body sent and the moment its connection closed.
 *
 * <p>One thread per connection (test code, blocking is the point); all are daemons and stop with
 * {@link #close}.
 */
public final class FaultyUpstream implements AutoCloseable, AfterAllCallback {

    /** How long a stall lasts at most: far beyond every timeout under test. */
    static final Duration STALL = Duration.ofSeconds(60);
    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"[a-z]+-([a-z0-9-]+)\"");

    /**
     * One request as received, and what became of it: the body sent (digest, length), the moment
     * its connection closed. A fault that resets after the first bytes waits for {@code clientSaw}
     * (the test completes it when its client received them): a reset discards whatever the
     * router's socket has not read yet, so without it the router might never see those bytes.
     * {@code requestId} is the router's {@code x-request-id} (empty if none came); {@code written}
     * what was written of the body so far.
     */
    public record Exchange(UpstreamFault fault, boolean streamed, CompletableFuture<FaultAnswers.Sent> sent,
                           CompletableFuture<Long> connectionClosedNanos, CompletableFuture<Void> clientSaw,
                           String requestId, BodyLog written) {
    }

    /** A request as received: its head (status line and headers) and body. */
    record Request(String head, byte[] body) {
        /** The value of header {@code name} (lower case), or "". */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    /** The latest exchange of each request id, until {@link #forRequest} takes it. */
    private final Map<String, Exchange> byRequestId = new ConcurrentHashMap<>();
    /** How many first body bytes each exchange keeps. */
    private final int keepBytes;

    private FaultyUpstream(int keepBytes) throws IOException {
        this.keepBytes = keepBytes;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        threads.execute(this::acceptLoop);
    }

    public static FaultyUpstream start() {
        return start(0);
    }

    /**
     * An upstream whose exchanges keep the first {@code keepBytes} of each body they write, for
     * {@link BodyLog#firstDifference}; held only until {@link #forRequest} takes the exchange.
     */
    public static FaultyUpstream start(int keepBytes) {
        try {
            return new FaultyUpstream(keepBytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base URL for a route named {@code prefix}. */
    public String url(String prefix) {
        return "http://127.0.0.1:" + server.getLocalPort() + "/" + prefix;
    }

    /** Connections open now (accepted and not yet closed by either side). */
    public int openConnections() {
        return sockets.size();
    }

    /** Connections accepted since the start. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** The next request received, waiting up to {@code wait}; null if none came. */
    public Exchange poll(Duration wait) throws InterruptedException {
        return exchanges.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next request received, within 10 s. */
    public Exchange take() throws InterruptedException {
        return Objects.requireNonNull(poll(Duration.ofSeconds(10)), "no request reached the faulty upstream in 10 s");
    }

    /**
     * The exchange of the router's request {@code requestId} (its last attempt, if it retried),
     * removed from the upstream's record; null if none reached the upstream.
     */
    Exchange forRequest(String requestId) {
        return byRequestId.remove(requestId);
    }

    /** Forgets requests not yet taken (not those kept by request id). */
    public void clear() {
        exchanges.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Answers requests on one connection until a fault ends it or the router closes it. */
    private void serve(Socket socket) {
        CompletableFuture<Long> closed = new CompletableFuture<>();
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = readRequest(in);
                if (request == null) {
                    break; // the router closed a kept-alive connection
                }
                String text = new String(request.body(), StandardCharsets.UTF_8);
                Matcher model = MODEL.matcher(text);
                UpstreamFault fault = model.find()
                        ? UpstreamFault.valueOf(model.group(1).replace('-', '_').toUpperCase(Locale.ROOT))
                        : UpstreamFault.ANSWER;
                boolean streamed = text.matches("(?s).*\"stream\"\\s*:\\s*true.*");
                String requestId = request.header("x-request-id");
                Exchange exchange = new Exchange(fault, streamed, new CompletableFuture<>(), closed,
                        new CompletableFuture<>(), requestId, new BodyLog(keepBytes));
                exchanges.add(exchange);
                if (!requestId.isEmpty()) {
                    byRequestId.put(requestId, exchange);
                }
                if (!new FaultAnswers(socket, in, out, streamed, exchange).play()) {
                    break;
                }
            }
        } catch (IOException e) {
            // the router reset or closed the connection while the fake wrote or read: that is the close
        } finally {
            sockets.remove(socket);
            closed.complete(System.nanoTime());
        }
    }

    /** Reads one request head and body; null at a clean end of the connection before a request. */
    static Request readRequest(InputStream in) throws IOException {
        String head = RawHttp.readHead(in);
        if (head == null) {
            return null;
        }
        return new Request(head, readBody(head, in));
    }

    private static byte[] readBody(String head, InputStream in) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(lower);
        if (length.find()) {
            return in.readNBytes(Integer.parseInt(length.group(1)));
        }
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    readLine(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                readLine(in);
            }
        }
        return new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("end of stream in a chunked request");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * Waits, reading, until the peer closes the connection (read gives -1 or fails) or
     * {@code most} passes: a stalled upstream that still notices at once when the router leaves.
     */
    static void stallUntilClosed(Socket socket, InputStream in, Duration most) throws IOException {
        long deadline = System.nanoTime() + most.toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(200);
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException stillThere) {
                // keep stalling
            }
        }
    }

    /** Resets the connection: RST instead of FIN, as a crashed upstream or a middlebox does. */
    static void reset(Socket socket) throws IOException {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException alreadyGone) {
            // nothing to reset
        }
        socket.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }
}
