package io.github.modelrouter.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Conditions on a server seen from outside, each on a new TCP connection (a pooled connection
 * would hide that the server stopped accepting), and polling with a deadline instead of sleeping.
 */
final class Probe {

    private static final Duration ATTEMPT = Duration.ofSeconds(1);
    private static final Duration PAUSE = Duration.ofMillis(100);

    private Probe() {
    }

    /** The status of {@code GET path} on a fresh connection, or -1 if refused or unanswered within 1 s. */
    static int status(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ATTEMPT.toMillis());
            socket.setSoTimeout((int) ATTEMPT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            String[] parts = statusLine.split(" ");
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Waits until {@code condition} holds, checking every 100 ms; fails with {@code what} after
     * {@code limit}, or at once when {@code process} dies, with its console.
     */
    static void await(String what, Duration limit, ChildProcess process, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError(process.name() + " exited while waiting until " + what + "\n" + process.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + limit.toSeconds() + " s"
                        + (process == null ? "" : "\n" + process.logTail()));
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    /**
     * Checks every 100 ms that {@code condition} keeps holding for the whole of {@code period}; fails
     * with {@code what} the first time it does not.
     */
    static void holds(String what, Duration period, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer " + what);
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
