package io.github.modelrouter.it;

import java.time.Duration;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router's access-log lines, captured through JUL while a test class runs (the deployment
 * shares the test's JVM). Register as a static {@code @RegisterExtension}; lines are written
 * by the router's periodic drain, so {@link #await} polls for one. A long run keeps only its
 * latest lines ({@link #keepingLast}), so the capture does not grow the heap it may be measuring.
 */
public final class AccessLogLines extends Handler implements BeforeAllCallback, AfterAllCallback {

    private static final String LOGGER = "io.github.modelrouter.access";

    private final Deque<String> lines = new ConcurrentLinkedDeque<>();
    private final int keep;
    private final AtomicInteger size = new AtomicInteger();

    /** Keeps every line. */
    public AccessLogLines() {
        this(Integer.MAX_VALUE);
    }

    private AccessLogLines(int keep) {
        this.keep = keep;
    }

    /** Keeps only the latest {@code keep} lines. */
    public static AccessLogLines keepingLast(int keep) {
        return new AccessLogLines(keep);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger.getLogger(LOGGER).addHandler(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Logger.getLogger(LOGGER).removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines.addLast(record.getMessage());
        if (size.incrementAndGet() > keep && lines.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The line of {@code requestId}, waiting up to 10 s for it. */
    public String await(String requestId) throws InterruptedException {
        return find(requestId, Duration.ofSeconds(10)).orElseThrow(
                () -> new AssertionError("no access-log line for " + requestId + " in " + lines));
    }

    /** The line of {@code requestId}, waiting up to {@code wait} for it; empty if none came. */
    public Optional<String> find(String requestId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (String line : lines) {
                if (line.contains("request_id=" + requestId + " ")) {
                    return Optional.of(line);
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
