package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the requests in flight on {@code /v1/*} at {@code router.max-concurrent}: the next one gets
 * 503 {@code overloaded_error} with {@code retry-after} at once, without queueing.
 *
 * <p>With async servlets {@code doFilter} returns long before the exchange ends, so the permit is
 * returned by an {@link AsyncListener} (complete, error or timeout), and by {@code doFilter} only
 * when the request never went async. Each permit is released exactly once.
 */
final class ConcurrencyLimitFilter extends HttpFilter {

    /** The request attribute holding its permit, for {@link #releaseBeforeAbort}. */
    private static final String PERMIT_ATTRIBUTE = ConcurrencyLimitFilter.class.getName() + ".permit";

    private final Semaphore permits;
    private final int limit;
    private final RouterMetrics metrics;

    ConcurrencyLimitFilter(int limit, RouterMetrics metrics) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!permits.tryAcquire()) {
            metrics.rejectedAtCap();
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.OVERLOADED.error(
                    "Model Router is at its limit of " + limit + " concurrent requests; retry shortly"));
            return;
        }
        Permit permit = new Permit();
        clientRequest.setAttribute(PERMIT_ATTRIBUTE, permit);
        metrics.inFlight(+1);
        try {
            chain.doFilter(clientRequest, clientResponse);
        } finally {
            if (!handOver(clientRequest, permit)) {
                permit.release();
            }
        }
    }

    /** Leaves the permit to the async cycle's end; false when the request is not (or no longer) async. */
    private static boolean handOver(HttpServletRequest clientRequest, Permit permit) {
        if (!clientRequest.isAsyncStarted()) {
            return false;
        }
        try {
            clientRequest.getAsyncContext().addListener(permit);
            return true;
        } catch (IllegalStateException completedMeanwhile) {
            return false;
        }
    }

    /**
     * Returns the request's permit now, for an exchange about to be aborted: Jetty ends an aborted
     * async cycle without calling its listeners, so the permit would never come back. Idempotent;
     * nothing for a request that holds none.
     */
    static void releaseBeforeAbort(ServletRequest clientRequest) {
        if (clientRequest.getAttribute(PERMIT_ATTRIBUTE) instanceof Permit permit) {
            permit.release();
        }
    }

    /**
     * Waits until every permit is back, that is until no request is in flight, for up to
     * {@code limit}; the permits are then kept, so a request arriving afterwards gets 503. For
     * undeployment only.
     */
    boolean drain(Duration limit) throws InterruptedException {
        return permits.tryAcquire(this.limit, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private final class Permit implements AsyncListener {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                permits.release();
                metrics.inFlight(-1);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release();
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a re-dispatch keeps the same permit; the listener must be re-added
            event.getAsyncContext().addListener(this);
        }
    }
}
