package io.github.modelrouter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real forward proxy on 127.0.0.1 (free port) for integration tests, on plain sockets: it opens
 * {@code CONNECT} tunnels (https upstreams) and forwards absolute-URI requests (http upstreams),
 * one request per connection. It can demand Basic credentials (407) or refuse every destination
 * (403). Every CONNECT target and forwarded URI is recorded, and so is each
 * {@code Proxy-Authorization} it saw.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final boolean denyAll;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "forward-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Queue<String> tunnels = new ConcurrentLinkedQueue<>();
    private final Queue<String> forwarded = new ConcurrentLinkedQueue<>();
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

    private ForwardProxy(String user, String password, boolean denyAll) throws IOException {
        this.requiredAuthorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.denyAll = denyAll;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** A proxy that forwards for anyone. */
    public static ForwardProxy open() {
        return start(null, null, false);
    }

    /** A proxy that answers 407 unless Basic {@code user:password} is presented. */
    public static ForwardProxy requiringCredentials(String user, String password) {
        return start(user, password, false);
    }

    /** A proxy that answers 403 to every request. */
    public static ForwardProxy denyingAll() {
        return start(null, null, true);
    }

    private static ForwardProxy start(String user, String password, boolean denyAll) {
        try {
            return new ForwardProxy(user, password, denyAll);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, optionally with user info already encoded by the caller. */
    public String url(String userInfo) {
        return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} of every CONNECT received. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** Absolute URIs of every request forwarded without a tunnel. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** Every {@code Proxy-Authorization} value received. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                threads.execute(() -> handle(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            String authorization = header(head, "proxy-authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test-proxy\"\r\n");
                return;
            }
            if (denyAll) {
                answer(out, "403 Forbidden", "");
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                tunnel(requestLine[1], in, out);
            } else {
                forward(requestLine, head, in, out);
            }
        } catch (IOException | RuntimeException e) {
            // a peer that left: the exchange is over
        }
    }

    private void tunnel(String target, InputStream in, OutputStream out) throws IOException {
        tunnels.add(target);
        int colon = target.lastIndexOf(':');
        try (Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
            sockets.add(upstream);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            threads.execute(() -> pipe(in, upstream));
            pipe(upstream.getInputStream(), out);
        }
    }

    private void forward(String[] requestLine, List<String> head, InputStream in, OutputStream out) throws IOException {
        URI uri = URI.create(requestLine[1]);
        forwarded.add(uri.toString());
        try (Socket upstream = new Socket(uri.getHost(), uri.getPort())) {
            sockets.add(upstream);
            StringBuilder request = new StringBuilder(requestLine[0]).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                    request.append(line).append("\r\n");
                }
            }
            // one request per connection keeps this proxy simple and honest about framing
            request.append("Connection: close\r\n\r\n");
            OutputStream upstreamOut = upstream.getOutputStream();
            upstreamOut.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            upstreamOut.flush();
            threads.execute(() -> pipe(in, upstream));
            InputStream upstreamIn = upstream.getInputStream();
            List<String> responseHead = readHead(upstreamIn);
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    response.append(line).append("\r\n");
                }
            }
            response.append("Connection: close\r\n\r\n");
            out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            pipe(upstreamIn, out);
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            pipe(from, to.getOutputStream());
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Header lines up to the blank line, read byte by byte so nothing after it is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
            previous = b;
        }
        return List.of();
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
