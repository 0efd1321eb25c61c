package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.protocol.HttpContext;

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
    private volatile HttpContext context;

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

    void started(Future<Void> httpFuture, HttpContext exchangeContext, DeadlineSweep.Deadline deadline) {
        this.context = exchangeContext;
        this.future = httpFuture;
        this.totalDeadline = deadline;
        if (consumer.isTerminated()) {
            // cancelled (or failed) before execute() returned: make sure nothing is left running
            stop(true);
        }
    }

    @Override
    public void returnCredit(int bytes) {
        window.returnCredit(bytes);
    }

    @Override
    public void cancel() {
        stop(consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled")));
    }

    /** Fired by the timer when the route's total timeout passes. */
    void totalTimeout() {
        stop(consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.TOTAL_TIMEOUT,
                "upstream did not finish within the total timeout")));
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
                stop(consumer.terminate(new UpstreamFailure(UpstreamFailure.Kind.IDLE_TIMEOUT,
                        "upstream " + consumer.upstreamHost() + " sent nothing within the idle timeout")));
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

    /** @param endedHere whether the exchange was ended by this router (cancel, timeout), not by its upstream */
    private void stop(boolean endedHere) {
        ended();
        Future<Void> current = future;
        if (current != null) {
            // resets the upstream connection: the provider stops generating (and billing)
            current.cancel(true);
        }
        HttpContext exchangeContext = context;
        if (endedHere && exchangeContext != null) {
            // the cancel above does not reach an exchange on a connection opened for it
            // (HttpClient gives such an exchange no cancellable): close that connection directly
            ExchangeConnections.discard(exchangeContext);
        }
        window.openToDiscard();
    }
}
