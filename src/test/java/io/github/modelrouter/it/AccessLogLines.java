package io.github.modelrouter.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router's access-log lines, captured through JUL while a test class runs (the deployment
 * shares the test's JVM). Register as a static {@code @RegisterExtension}; lines are written
 * by the router's periodic drain, so {@link #await} polls for one.
 */
public final class AccessLogLines extends Handler implements BeforeAllCallback, AfterAllCallback {

    private static final String LOGGER = "io.github.modelrouter.access";

    private final List<String> lines = new CopyOnWriteArrayList<>();

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
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The line of {@code requestId}, waiting up to 10 s for it. */
    public String await(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains("request_id=" + requestId + " ")) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access-log line for " + requestId + " in " + lines);
    }
}
