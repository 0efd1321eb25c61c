package io.github.modelrouter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client will not send: any {@code Host} header, a
 * body that stops half way, bytes that never come. The caller writes the request as it wants and
 * reads the answer head with {@link #readHead}. Closes its socket.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(URL base, int readTimeoutMillis) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** The path of {@code path} under the deployment's context. */
    public static String path(URL base, String path) {
        return base.getPath().replaceAll("/$", "") + path;
    }

    public RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** A request head ending in a blank line; headers as {@code "name: value"} lines. */
    public RawHttp head(String method, String target, String... headers) throws IOException {
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return send(text.append("\r\n").toString());
    }

    /** The status line and headers of the answer, up to the blank line. */
    public String readHead() throws IOException {
        String head = readHead(in);
        if (head == null) {
            throw new IOException("connection closed before the end of the answer's head");
        }
        return head;
    }

    /** A message head read from {@code in} up to its blank line; null when the stream ends first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of an answer head. */
    public static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** {@code n} bytes of the answer body. */
    public String readBody(int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** The value of {@code content-length} in a head. */
    public static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
