package io.github.modelrouter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.RouteTransport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The idle rule end to end, with a real {@link UpstreamClient} against an upstream on a plain
 * socket: silence counts only while the router waits for the upstream (before the head, and while
 * its window has credit), never while credit is withheld for a slow client; when it fires, the
 * upstream connection is closed. Every wait is on a condition with a deadline.
 */
@Timeout(30)
class IdleWatchTest {

    private static final Duration IDLE = Duration.ofMillis(400);
    private static final Duration TICK = Duration.ofMillis(20);
    private static final int BODY_CHUNKS = 64;
    private static final int CHUNK_BYTES = 8 * 1024;

    private final DeadlineSweep sweep = new DeadlineSweep("idle-watch-test", TICK);
    private final UpstreamClient client = new UpstreamClient(4, 8L << 20, List.of(RouteTransport.DIRECT), sweep);
    private ScriptedUpstream upstream;

    @AfterEach
    void close() throws IOException {
        client.close();
        sweep.close();
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void anUpstreamSilentBeforeItsHeadTimesOutAndItsConnectionIsClosed() throws Exception {
        upstream = new ScriptedUpstream(Script.STALL_BEFORE_HEAD);
        Recorder answer = new Recorder(false);
        long sent = System.nanoTime();
        answer.exchange.set(client.send(request(), answer));

        UpstreamFailure failure = answer.failure.get(10, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - sent;
        assertEquals(UpstreamFailure.Kind.IDLE_TIMEOUT, failure.kind(), failure.message());
        assertTrue(elapsed >= IDLE.toNanos(), "fired early: " + elapsed / 1_000_000 + " ms");
        assertTrue(elapsed < IDLE.toNanos() + Duration.ofSeconds(3).toNanos(), "fired late: " + elapsed / 1_000_000 + " ms");
        upstream.closedByRouter.get(5, TimeUnit.SECONDS);
        assertEquals(0, sweep.armed(), "the exchange's deadlines are gone");
    }

    @Test
    void anUpstreamSilentMidBodyWithCreditOutstandingTimesOut() throws Exception {
        upstream = new ScriptedUpstream(Script.STALL_AFTER_FIRST_CHUNK);
        Recorder answer = new Recorder(true);
        answer.exchange.set(client.send(request(), answer));

        UpstreamFailure failure = answer.failure.get(10, TimeUnit.SECONDS);
        assertEquals(UpstreamFailure.Kind.IDLE_TIMEOUT, failure.kind(), failure.message());
        assertEquals(CHUNK_BYTES, answer.received.get());
        upstream.closedByRouter.get(5, TimeUnit.SECONDS);
    }

    /**
     * The client side holds every byte for several idle periods (a slow client): the upstream is
     * quiet all that time because it may not send, so the exchange must survive, and finish whole
     * once the credit comes back. HttpClient's socket timeout at the idle period would cut it.
     */
    @Test
    void aStreamHeldBackForASlowClientIsNotIdle() throws Exception {
        upstream = new ScriptedUpstream(Script.FLOOD);
        Recorder answer = new Recorder(false);
        answer.exchange.set(client.send(request(), answer));

        // the window is full once a window's bytes arrived; the upstream now waits for credit
        assertTrue(await(() -> answer.received.get() >= UpstreamClient.WINDOW_BYTES), "the window never filled");
        // the slow client: nothing drains for three idle periods (pacing, not synchronisation)
        Thread.sleep(3 * IDLE.toMillis());

        answer.drainFromNowOn();
        Object outcome = CompletableFuture.anyOf(answer.end, answer.failure).get(10, TimeUnit.SECONDS);
        assertNull(outcome, "the held-back stream ended with " + outcome);
        assertEquals((long) BODY_CHUNKS * CHUNK_BYTES, answer.received.get());
    }

    private UpstreamRequest request() {
        return new UpstreamRequest(URI.create("http://127.0.0.1:" + upstream.port() + "/v1/messages"),
                List.of(Map.entry("content-type", "application/json")),
                java.nio.ByteBuffer.wrap("{\"model\":\"m\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(2), IDLE, Duration.ofSeconds(20), RouteTransport.DIRECT);
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** The handler: counts bytes, returns credit at once or only once told to. */
    private static final class Recorder implements UpstreamResponseHandler {
        final AtomicReference<UpstreamExchange> exchange = new AtomicReference<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong owed = new AtomicLong();
        final CompletableFuture<Void> end = new CompletableFuture<>();
        final CompletableFuture<UpstreamFailure> failure = new CompletableFuture<>();
        private volatile boolean drain;

        Recorder(boolean drain) {
            this.drain = drain;
        }

        /** Returns what was withheld, and credits everything that arrives from now on. */
        void drainFromNowOn() {
            drain = true;
            giveBack();
        }

        @Override
        public void onHead(int status, List<Map.Entry<String, String>> headers, boolean hasBody) {
        }

        @Override
        public void onData(ByteBuffer data) {
            int bytes = data.remaining();
            data.position(data.limit());
            received.addAndGet(bytes);
            owed.addAndGet(bytes);
            if (drain) {
                giveBack();
            }
        }

        private void giveBack() {
            UpstreamExchange current = exchange.get();
            long credit = owed.getAndSet(0);
            if (current != null && credit > 0) {
                current.returnCredit((int) credit);
            } else {
                owed.addAndGet(credit);
            }
        }

        @Override
        public void onEnd() {
            end.complete(null);
        }

        @Override
        public void onFailure(UpstreamFailure cause) {
            failure.complete(cause);
        }
    }

    /** What the scripted upstream does after reading the request. */
    private enum Script { STALL_BEFORE_HEAD, STALL_AFTER_FIRST_CHUNK, FLOOD }

    /** One connection, one request, one script; notes when the router closes the connection. */
    private static final class ScriptedUpstream implements AutoCloseable {
        final CompletableFuture<Void> closedByRouter = new CompletableFuture<>();
        private final ServerSocket server;
        private final Script script;

        ScriptedUpstream(Script script) throws IOException {
            this.script = script;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(this::serve, "scripted-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                readRequest(in);
                if (script != Script.STALL_BEFORE_HEAD) {
                    out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    int chunks = script == Script.FLOOD ? BODY_CHUNKS : 1;
                    byte[] data = "x".repeat(CHUNK_BYTES).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < chunks; i++) {
                        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(data);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    if (script == Script.FLOOD) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
                // silent from here on (or done): a read returns -1 or fails once the router closes
                while (in.read() >= 0) {
                    // the router sends nothing more on this connection
                }
                closedByRouter.complete(null);
            } catch (IOException e) {
                closedByRouter.complete(null); // a reset is a close too
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("no request");
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            int at = lower.indexOf("content-length:");
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
            in.readNBytes(length);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
