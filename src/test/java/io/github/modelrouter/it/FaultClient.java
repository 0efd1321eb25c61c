package io.github.modelrouter.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A client of the router on a plain socket, for the fault matrix: sends one messages request and
 * reads the answer decoding its framing itself, so it can tell a well-framed end (the last chunk,
 * or {@code content-length} bytes) from a connection that broke off, which an HTTP library would
 * report alike or hide. It can also misbehave: read slowly, stop reading, or leave (FIN or RST)
 * at a chosen stage. Closes its socket.
 */
final class FaultClient implements AutoCloseable {

    /**
     * What the client received: {@code first} holds the body's first bytes (64 KiB, or as many as
     * the client was told to keep), {@code tail} its last 4 KiB. {@code wellFramed} is false when
     * the connection ended early.
     */
    record Answer(int status, String head, long bodyLength, String sha256, byte[] first, String tail,
                  boolean wellFramed) {
        boolean sse() {
            return head.toLowerCase(Locale.ROOT).contains("content-type: text/event-stream");
        }

        /** The first bytes of the body as text. */
        String text() {
            return new String(first, StandardCharsets.UTF_8);
        }

        /** The router's {@code x-request-id}, or "" if the head has none. */
        String requestId() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("x-request-id:")) {
                    return line.substring("x-request-id:".length()).trim();
                }
            }
            return "";
        }
    }

    /** How the client reads the body. */
    enum Reading { NORMAL, SLOW }

    private static final int KEEP_TEXT = 64 * 1024;
    private static final int KEEP_TAIL = 4096;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final URL base;
    private final int keepBytes;

    FaultClient(URL base, int readTimeoutMillis) throws IOException {
        this(base, readTimeoutMillis, KEEP_TEXT);
    }

    /** A client that keeps the first {@code keepBytes} of each body (see {@link Answer#first}). */
    FaultClient(URL base, int readTimeoutMillis, int keepBytes) throws IOException {
        this.base = base;
        this.keepBytes = keepBytes;
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends the head and the first {@code bodyBytes} of the body (all of it when negative). */
    FaultClient send(String json, int bodyBytes) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + RawHttp.path(base, "/v1/messages") + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, bodyBytes < 0 ? body.length : bodyBytes);
        out.flush();
        return this;
    }

    /** Sends {@code raw} bytes as they are (a pipelined request, say). */
    void sendRaw(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The answer's head. */
    String readHead() throws IOException {
        String head = RawHttp.readHead(in);
        if (head == null) {
            throw new IOException("connection closed before the end of the answer's head");
        }
        return head;
    }

    /** Reads the whole answer; {@code firstBytes} runs once the first body bytes are in. */
    Answer read(Reading reading, Runnable firstBytes) throws IOException {
        String head = readHead();
        int status = RawHttp.status(head);
        Body body = new Body(reading, firstBytes);
        boolean wellFramed;
        long declared = RawHttp.contentLength(head);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            wellFramed = body.chunked();
        } else if (declared >= 0) {
            wellFramed = body.exactly(declared);
        } else {
            body.untilEnd();
            wellFramed = false; // close-delimited: a cut cannot be told from the end
        }
        return new Answer(status, head, body.length, HexFormat.of().formatHex(body.digest.digest()),
                body.text.toByteArray(), body.tail(), wellFramed);
    }

    /** Reads {@code n} body bytes (raw, framing included) and returns. */
    void readSome(int n) throws IOException {
        in.readNBytes(n);
    }

    /** Leaves with a FIN. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Leaves with a RST (SO_LINGER 0). */
    void reset() throws IOException {
        FaultyUpstream.reset(socket);
    }

    /** The body as it arrives: digest, length, the first bytes as text. */
    private final class Body {
        private final Reading reading;
        private final MessageDigest digest;
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private final byte[] tail = new byte[KEEP_TAIL];
        private Runnable firstBytes;
        private long length;

        /** The last bytes received, where an SSE error event would be. */
        String tail() {
            int n = (int) Math.min(length, KEEP_TAIL);
            byte[] last = new byte[n];
            for (int i = 0; i < n; i++) {
                last[i] = tail[(int) ((length - n + i) % KEEP_TAIL)];
            }
            return new String(last, StandardCharsets.UTF_8);
        }

        Body(Reading reading, Runnable firstBytes) {
            this.reading = reading;
            this.firstBytes = firstBytes;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** true when the last chunk came; false when the connection broke off first. */
        boolean chunked() throws IOException {
            while (true) {
                String size = line();
                if (size == null) {
                    return false;
                }
                long n;
                try {
                    n = Long.parseLong(size.split(";")[0].trim(), 16);
                } catch (NumberFormatException e) {
                    return false;
                }
                if (n == 0) {
                    return "".equals(line());
                }
                if (!exactly(n) || !"".equals(line())) {
                    return false;
                }
            }
        }

        boolean exactly(long n) throws IOException {
            byte[] buffer = new byte[reading == Reading.SLOW ? 4096 : 64 * 1024];
            long left = n;
            while (left > 0) {
                int read = readInto(buffer, (int) Math.min(left, buffer.length));
                if (read < 0) {
                    return false;
                }
                left -= read;
            }
            return true;
        }

        void untilEnd() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            while (readInto(buffer, buffer.length) >= 0) {
                // reading on
            }
        }

        private int readInto(byte[] buffer, int max) throws IOException {
            int read;
            try {
                read = in.read(buffer, 0, max);
            } catch (SocketTimeoutException e) {
                throw e; // a hang is a failure, not an end
            } catch (IOException reset) {
                return -1;
            }
            if (read > 0) {
                digest.update(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    tail[(int) ((length + i) % KEEP_TAIL)] = buffer[i];
                }
                length += read;
                if (text.size() < keepBytes) {
                    text.write(buffer, 0, Math.min(read, keepBytes - text.size()));
                }
                if (firstBytes != null) {
                    Runnable once = firstBytes;
                    firstBytes = null;
                    once.run();
                }
                if (reading == Reading.SLOW) {
                    pace();
                }
            }
            return read;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (IOException reset) {
                    return null;
                }
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    return line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
        }

        /** A slow reader: about 2 MB/s (pacing, not synchronisation). */
        private void pace() throws IOException {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
