package io.github.modelrouter.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

/**
 * Plays one {@link UpstreamFault} on one connection of the {@link FaultyUpstream}: writes the
 * head and the body bytes (SSE events or a JSON message of a chosen size) with exact framing, and
 * breaks off the way the fault says. Complete answers are recorded as {@link Sent} (the SHA-256 of
 * the body bytes), so the test can check the client got exactly those bytes.
 */
final class FaultAnswers {

    /** The body bytes of a complete answer. */
    record Sent(long length, String sha256) {
    }

    private static final int PIECE = 8 * 1024;
    private static final String FILLER = "lorem ipsum ".repeat(PIECE / 12 + 1);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean sse;
    private final FaultyUpstream.Exchange exchange;
    private final MessageDigest digest;
    private long length;
    private boolean chunked;

    FaultAnswers(Socket socket, InputStream in, OutputStream out, boolean sse, FaultyUpstream.Exchange exchange) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.sse = sse;
        this.exchange = exchange;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays the fault; true when the connection may carry the next request. */
    boolean play() throws IOException {
        switch (exchange.fault()) {
            case ANSWER -> complete(2 * 1024);
            case LARGE -> complete(4 << 20);
            case FIFTY_MB -> complete(50L << 20);
            case RESET_BEFORE_HEAD -> FaultyUpstream.reset(socket);
            case STALL_BEFORE_HEAD -> FaultyUpstream.stallUntilClosed(socket, in, FaultyUpstream.STALL);
            case RESET_MID_BODY -> {
                begin(sse ? -1 : 4096);
                body(opening());
                if (sse) {
                    // a small JSON body is held back by the router, so its client sees nothing to wait for
                    awaitClientSaw();
                }
                FaultyUpstream.reset(socket);
            }
            case STALL_MID_BODY -> {
                begin(sse ? -1 : 4096);
                body(opening());
                FaultyUpstream.stallUntilClosed(socket, in, FaultyUpstream.STALL);
            }
            case CUT_MID_CHUNK -> {
                begin(-1);
                body(opening());
                out.write("3e8\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(filler(100));
                out.flush();
                socket.close(); // a clean FIN, in the middle of the chunk
            }
            case NO_NEWLINES -> {
                byte[] line = "x".repeat(PIECE).getBytes(StandardCharsets.US_ASCII);
                begin(sse ? -1 : 2L << 20);
                for (int i = 0; i < (2 << 20) / PIECE; i++) {
                    body(line);
                }
                finish();
            }
            case EVENT_OVER_LIMIT -> {
                if (!sse) {
                    complete(3 << 19);
                    break;
                }
                begin(-1);
                body(messageStart());
                body(ascii("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\""));
                for (int i = 0; i < (3 << 19) / PIECE; i++) {
                    body(filler(PIECE));
                }
                body(ascii("\"}}\n\n"));
                body(ascii(Answers.messageEnd(5)));
                finish();
            }
            case LARGE_THEN_RESET -> {
                begin(sse ? -1 : 4 << 20);
                body(opening());
                while (length < (2 << 20)) {
                    body(sse ? delta(PIECE) : filler(PIECE));
                }
                awaitClientSaw();
                FaultyUpstream.reset(socket);
            }
            case DRIP -> {
                begin(sse ? -1 : 100L << 20);
                body(opening());
                long deadline = System.nanoTime() + FaultyUpstream.STALL.toNanos();
                while (System.nanoTime() < deadline) {
                    // JSON in bigger pieces: the router holds a non-streamed body back until its buffer fills
                    body(sse ? delta(16) : filler(4096));
                    sleepMillis(20);
                }
                FaultyUpstream.reset(socket);
            }
            default -> throw new IllegalStateException(exchange.fault().name());
        }
        return exchange.sent().isDone();
    }

    /** A whole answer of about {@code bytes} (JSON: exactly), recorded as sent. */
    private void complete(long bytes) throws IOException {
        if (sse) {
            begin(-1);
            body(messageStart());
            body(ascii(Answers.textBlock(0).get(0)));
            while (length < bytes) {
                body(delta(PIECE));
            }
            body(ascii(Answers.textBlock(0).get(1) + Answers.messageEnd(7)));
        } else {
            byte[] prefix = jsonPrefix();
            byte[] suffix = jsonSuffix();
            begin(bytes);
            body(prefix);
            long fill = bytes - prefix.length - suffix.length;
            while (fill > 0) {
                int n = (int) Math.min(fill, PIECE);
                body(filler(n));
                fill -= n;
            }
            body(suffix);
        }
        finish();
    }

    /** The answer's status line and headers; {@code contentLength} -1 means chunked. */
    private void begin(long contentLength) throws IOException {
        chunked = contentLength < 0;
        String head = "HTTP/1.1 200 OK\r\ncontent-type: " + (sse ? "text/event-stream" : "application/json") + "\r\n"
                + "request-id: req_faulty\r\n"
                + (chunked ? "transfer-encoding: chunked\r\n" : "content-length: " + contentLength + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
    }

    private void body(byte[] bytes) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        } else {
            out.write(bytes);
        }
        out.flush();
        digest.update(bytes);
        length += bytes.length;
        exchange.written().add(bytes, 0, bytes.length);
    }

    private void finish() throws IOException {
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        exchange.sent().complete(new Sent(length, HexFormat.of().formatHex(digest.digest())));
    }

    private byte[] opening() {
        return sse ? concat(messageStart(), ascii(Answers.textBlock(0).get(0))) : jsonPrefix();
    }

    private void awaitClientSaw() throws IOException {
        try {
            exchange.clientSaw().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            // the client saw nothing (the router holds a small non-streamed body back): reset anyway
        }
    }

    private static byte[] messageStart() {
        return ascii(Answers.messageStart("faulty"));
    }

    private static byte[] delta(int textBytes) {
        return ascii("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + FILLER.substring(0, textBytes) + "\"}}\n\n");
    }

    private static byte[] jsonPrefix() {
        return ascii("{\"id\":\"msg_faulty\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"faulty\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"");
    }

    private static byte[] jsonSuffix() {
        return ascii("\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}");
    }

    private static byte[] filler(int n) {
        return ascii(FILLER.substring(0, n));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Paces the drip (not a synchronisation: nothing waits for it). */
    private static void sleepMillis(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
