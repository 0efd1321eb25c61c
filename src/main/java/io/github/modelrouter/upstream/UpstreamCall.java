package io.github.modelrouter.upstream;

import io.github.modelrouter.config.ProxySetting;
import java.time.Duration;
import java.util.concurrent.Future;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The handle of one exchange in flight: credit back to the window, cancellation, the total-timeout
 * deadline and the {@link IdleWatch}. Thread-safe.
 */
final class UpstreamCall implements UpstreamExchange {

    private final StreamingResponseConsumer consumer;
    private final FlowWindow window;
    private final IdleWatch idleWatch;
    private volatile Future<Void> future;
    private volatile DeadlineSweep.Deadline totalDeadline;
    private volatile HttpContext context;

    /**
     * @param tunnelled whether the upstream is https behind {@code proxy} (reached with CONNECT)
     * @param deadlines where the idle watch keeps its deadline
     */
    UpstreamCall(UpstreamResponseHandler handler, long maxBufferedBytes, String upstreamHost, ProxySetting proxy,
                 boolean tunnelled, DeadlineSweep deadlines, Duration idleTimeout) {
        this.window = new FlowWindow(UpstreamClient.WINDOW_BYTES);
        this.consumer = new StreamingResponseConsumer(handler, window, maxBufferedBytes, upstreamHost, proxy,
                tunnelled, this::ended);
        this.idleWatch = new IdleWatch(deadlines, idleTimeout, consumer, window, this::expire);
    }

    StreamingResponseConsumer consumer() {
        return consumer;
    }

    /**
     * HttpClient has the exchange ({@code exchangeContext} is its context): {@code deadline} is
     * its total timeout; the idle clock starts.
     */
    void started(Future<Void> httpFuture, HttpContext exchangeContext, DeadlineSweep.Deadline deadline) {
        this.context = exchangeContext;
        this.future = httpFuture;
        this.totalDeadline = deadline;
        idleWatch.start();
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
        expire(new UpstreamFailure(UpstreamFailure.Kind.CANCELLED, "upstream exchange cancelled"));
    }

    /** Fired by the sweep when the route's total timeout passes. */
    void totalTimeout() {
        expire(new UpstreamFailure(UpstreamFailure.Kind.TOTAL_TIMEOUT, "upstream did not finish within the total timeout"));
    }

    /** Ends the exchange with {@code failure} (unless it has ended) and closes its connection. */
    private void expire(UpstreamFailure failure) {
        stop(consumer.terminate(failure));
    }

    /** The exchange ended one way or another: the deadlines are no longer needed. */
    void ended() {
        DeadlineSweep.Deadline deadline = totalDeadline;
        if (deadline != null) {
            deadline.cancel();
        }
        idleWatch.stop();
    }

    /** @param endedHere whether the exchange was ended by this router (cancel, timeout), not by its upstream */
    private void stop(boolean endedHere) {
        ended();
        Future<Void> current = future;
        if (current != null) {
            // resets the upstream connection (the full client's cancel closes it rather than
            // returning it to the pool): the provider stops generating (and billing)
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
