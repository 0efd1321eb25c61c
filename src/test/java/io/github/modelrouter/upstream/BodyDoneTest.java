package io.github.modelrouter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.config.RouteTransport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link UpstreamRequest#bodyDone()} with a real {@link UpstreamClient} and an upstream on a plain
 * socket: told exactly once, after the upstream has every byte of the body when it reads it all,
 * and also when it answers and hangs up before reading it (the array must not be lost to the pool
 * then, nor given back twice).
 */
@Timeout(30)
class BodyDoneTest {

    private static final int BODY_BYTES = 4 * 1024 * 1024;

    private final DeadlineSweep sweep = new DeadlineSweep("body-done-test", Duration.ofMillis(20));
    private final UpstreamClient client = new UpstreamClient(4, 8L << 20, List.of(RouteTransport.DIRECT), sweep);
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        client.close();
        sweep.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void toldOnceTheUpstreamHasTheWholeBody() throws Exception {
        AtomicLong bodyReceived = new AtomicLong(-1);
        startUpstream(true, bodyReceived);
        AtomicInteger told = new AtomicInteger();
        CompletableFuture<Long> receivedWhenTold = new CompletableFuture<>();
        Outcome outcome = new Outcome();
        client.send(request(() -> {
            told.incrementAndGet();
            receivedWhenTold.complete(bodyReceived.get());
        }), outcome);

        assertEquals(200, outcome.status.get(10, TimeUnit.SECONDS));
        outcome.ended.get(10, TimeUnit.SECONDS);
        receivedWhenTold.get(10, TimeUnit.SECONDS);
        assertEquals(1, told.get());
        assertEquals(BODY_BYTES, bodyReceived.get(), "the upstream read the whole body");
    }

    @Test
    void toldOnceWhenTheUpstreamAnswersWithoutReadingTheBody() throws Exception {
        startUpstream(false, new AtomicLong());
        AtomicInteger told = new AtomicInteger();
        CompletableFuture<Void> toldOnce = new CompletableFuture<>();
        Outcome outcome = new Outcome();
        client.send(request(() -> {
            told.incrementAndGet();
            toldOnce.complete(null);
        }), outcome);

        toldOnce.get(10, TimeUnit.SECONDS);
        CompletableFuture.anyOf(outcome.ended, outcome.failed).get(10, TimeUnit.SECONDS);
        assertEquals(1, told.get(), "told once, not twice");
    }

    private UpstreamRequest request(Runnable bodyDone) {
        byte[] body = new byte[BODY_BYTES];
        java.util.Arrays.fill(body, (byte) 'x');
        return new UpstreamRequest(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/messages"),
                List.of(Map.entry("content-type", "application/json")), ByteBuffer.wrap(body),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20), RouteTransport.DIRECT, bodyDone);
    }

    /**
     * One connection: reads the head, then the whole body ({@code readBody}) before answering, or
     * answers at once and closes, leaving the body unread.
     */
    private void startUpstream(boolean readBody, AtomicLong bodyReceived) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.setReceiveBufferSize(16 * 1024);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                long length = -1;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(line.substring("content-length:".length()).trim());
                    }
                }
                if (readBody) {
                    long read = 0;
                    byte[] chunk = new byte[64 * 1024];
                    while (read < length) {
                        int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - read));
                        if (n < 0) {
                            break;
                        }
                        read += n;
                    }
                    bodyReceived.set(read);
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n"
                        + (readBody ? "" : "connection: close\r\n") + "\r\n{}").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!readBody) {
                    socket.setSoLinger(true, 0); // a reset: the client's write fails mid-body
                }
            } catch (IOException ignored) {
                // the test's assertions say what matters
            }
        }, "body-done-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The answer's head, end or failure; credit returned as data arrives. */
    private static final class Outcome implements UpstreamResponseHandler {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final CompletableFuture<UpstreamFailure> failed = new CompletableFuture<>();

        @Override
        public void onHead(int code, List<Map.Entry<String, String>> headers, boolean hasBody) {
            status.complete(code);
        }

        @Override
        public void onData(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onEnd() {
            ended.complete(null);
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            failed.complete(failure);
        }
    }
}
