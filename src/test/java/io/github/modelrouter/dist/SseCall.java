package io.github.modelrouter.dist;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One streamed {@code POST /v1/messages}, read line by line on the HTTP client's threads into a
 * queue, so the test can wait for a given event while the stream is still open (for example to
 * send SIGTERM only once the client has seen the beginning of the answer).
 */
final class SseCall {

    /** Marks the end of the body (or its failure) in the queue. */
    private static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private volatile int status = -1;
    private volatile Throwable failure;
    private volatile long failedAtNanos;
    /** Kept so the client stays reachable for as long as the call: nothing else holds it. */
    private HttpClient client;

    private SseCall() {
    }

    /** Sends {@code body} to {@code http://127.0.0.1:<port>/v1/messages} with its own HTTP client. */
    static SseCall start(int port, String body) {
        SseCall call = new SseCall();
        // a client of its own: no pooled connection shared with other probes of the test
        HttpClient client = call.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).whenComplete((response, error) -> {
            if (error != null) {
                call.fail(error);
                return;
            }
            call.status = response.statusCode();
            try (Stream<String> lineStream = response.body()) {
                lineStream.forEach(call.lines::add);
                call.lines.add(END);
            } catch (RuntimeException e) {
                call.fail(e);
            }
        });
        return call;
    }

    private void fail(Throwable error) {
        failedAtNanos = System.nanoTime();
        failure = error;
        lines.add(END);
    }

    /** Whether the body is still open: neither ended nor failed. */
    boolean isOpen() {
        return failure == null && !lines.contains(END);
    }

    int status() {
        return status;
    }

    /** Waits until a line containing {@code text} arrives; fails if the stream ends first or after {@code limit}. */
    void awaitLine(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line containing '" + text + "' within " + limit.toSeconds() + " s; got:\n" + transcript());
            }
            if (line.equals(END)) {
                lines.add(END);
                throw new AssertionError("the stream ended (" + failure + ") before a line containing '" + text + "':\n" + transcript());
            }
            seen.add(line);
            if (line.contains(text)) {
                return;
            }
        }
    }

    /** Waits for the end of the body and returns all of it, one line per element. */
    String awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the stream did not end within " + limit.toSeconds() + " s; got:\n" + transcript());
            }
            if (line.equals(END)) {
                if (failure != null) {
                    throw new AssertionError("the stream failed " + (System.nanoTime() - failedAtNanos) / 1_000_000
                            + " ms ago: " + causes(failure) + "\n" + transcript(), failure);
                }
                return transcript();
            }
            seen.add(line);
        }
    }

    /** The failure and each of its causes, since the JDK client's "closed" says nothing by itself. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t);
        }
        return text.toString();
    }

    private String transcript() {
        return String.join("\n", seen);
    }
}
