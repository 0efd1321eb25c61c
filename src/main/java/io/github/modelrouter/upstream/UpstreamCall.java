package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The handle of one exchange in flight: credit back to the window, cancellation, the total-timeout
 * deadline. Thread-safe.
 */
final class UpstreamCall implements UpstreamExchange {

    private final StreamingResponseConsumer consumer;
    private final FlowWindow window;
    private volatile Future<Void> future;
    private volatile DeadlineSweep.Deadline totalDeadline;
    private volatile ScheduledFuture<?> idleWatch;

    /** @param tunnelled whether the upstream is https behind {@code proxy} (reached with CONNECT) */
    UpstreamCall(UpstreamResponseHandler handler, long maxBufferedBytes, String upstreamHost, ProxySetting proxy,
                 boolean tunnelled) {
        this.window = new FlowWindow();
        this.consumer = new StreamingResponseConsumer(handler, window, maxBufferedBytes, upstreamHost, proxy,
                tunnelled, this::ended);
    }

    StreamingResponseConsumer consumer() {
        return consumer;
    }

    void started(Future<Void> httpFuture, DeadlineSweep.Deadline deadline) {
        this.future = httpFuture;
        this.totalDeadline = deadline;
        if (consumer.isTerminated()) {
            // cancelled (or failed) before execute() returned: make sure nothing is left running
            stop();
        }
    }

    @Override
    public void returnCredit(int bytes) {
        window.returnCredit(bytes);
    }

    @Override
    public void cancel() {
        consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled"));
        stop();
    }

    /** Fired by the timer when the route's total timeout passes. */
    void totalTimeout() {
        consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.TOTAL_TIMEOUT,
                "upstream did not finish within the total timeout"));
        stop();
    }

    /**
     * Enforces the idle timeout itself, for HTTP/2: there HttpClient's response timeout is a
     * socket timeout of the connection every stream shares, so one stalled stream among busy ones
     * would never time out. Checks four times per idle period on {@code timer}; never blocks.
     */
    void watchIdle(ScheduledExecutorService timer, Duration idleTimeout) {
        long idleNanos = idleTimeout.toNanos();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idleNanos / 4);
        idleWatch = timer.scheduleWithFixedDelay(() -> {
            if (consumer.isTerminated()) {
                ended();
            } else if (System.nanoTime() - consumer.lastActivityNanos() > idleNanos) {
                consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.IDLE_TIMEOUT,
                        "upstream " + consumer.upstreamHost() + " sent nothing within the idle timeout"));
                stop();
            }
        }, period, period, TimeUnit.NANOSECONDS);
        if (consumer.isTerminated()) {
            ended();
        }
    }

    /** The exchange ended one way or another: the timers are no longer needed. */
    void ended() {
        DeadlineSweep.Deadline deadline = totalDeadline;
        if (deadline != null) {
            deadline.cancel();
        }
        ScheduledFuture<?> watch = idleWatch;
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private void stop() {
        ended();
        Future<Void> current = future;
        if (current != null) {
            // resets the upstream connection: the provider stops generating (and billing)
            current.cancel(true);
        }
        window.openToDiscard();
    }
}
