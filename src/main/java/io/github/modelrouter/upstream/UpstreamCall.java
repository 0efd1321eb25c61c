package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

/**
 * The handle of one exchange in flight: credit back to the window, cancellation, the total-timeout
 * timer. Thread-safe.
 */
final class UpstreamCall implements UpstreamExchange {

    private final StreamingResponseConsumer consumer;
    private final FlowWindow window;
    private volatile Future<Void> future;
    private volatile ScheduledFuture<?> totalTimer;

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

    void started(Future<Void> httpFuture, ScheduledFuture<?> timer) {
        this.future = httpFuture;
        this.totalTimer = timer;
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

    /** The exchange ended one way or another: the timer is no longer needed. */
    void ended() {
        ScheduledFuture<?> timer = totalTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void stop() {
        ended();
        Future<Void> current = future;
        if (current != null) {
            // resets the upstream connection: the provider stops generating (and billing)
            current.cancel(true);
        }
    }
}
