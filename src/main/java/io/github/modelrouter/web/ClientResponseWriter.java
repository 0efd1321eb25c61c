package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one exchange's answer to the client without blocking, the way Jetty's
 * {@code AsyncMiddleManServlet.ProxyWriter} does: chunks are queued from any thread and written
 * while {@link ServletOutputStream#isReady()} holds; the container calls {@link #onWritePossible}
 * when the client can take more. Every response change (status, headers, body, completion) happens
 * under this object's lock, so the reactor thread, timer threads and container threads never touch
 * the response at the same time, and {@link AsyncContext#complete()} is called exactly once.
 *
 * <p>SSE answers are flushed whenever the queue empties, so each event reaches the client as soon
 * as it is complete; other answers are left to the container's buffer, which keeps a failure before
 * the buffer fills answerable with a clean status.
 *
 * <p>Callbacks come from container threads; {@link #write}, {@link #end} and {@link #fail} from the
 * HttpClient reactor or the timer. None blocks.
 */
final class ClientResponseWriter implements WriteListener {

    /** What the exchange learns from the writer; called outside the writer's lock. */
    interface Events {
        /** {@code queuedBytes} are still waiting for the client after a write pass. */
        void drained(long queuedBytes);

        /** The client is gone (write failed); the exchange should stop its upstream. */
        void clientGone(Throwable cause);
    }

    private final AsyncContext asyncContext;
    private final HttpServletResponse clientResponse;
    private final String requestId;
    private final Events events;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private ServletOutputStream out;
    private long queuedBytes;
    private Head pendingHead;
    private boolean headApplied;
    private boolean eventStream;
    private boolean flushPending;
    private boolean endRequested;
    private boolean finished;
    private int status;

    ClientResponseWriter(AsyncContext asyncContext, HttpServletResponse clientResponse, String requestId,
                         Events events) {
        this.asyncContext = asyncContext;
        this.clientResponse = clientResponse;
        this.requestId = requestId;
        this.events = events;
    }

    /** Registers with the output stream; container thread, once. */
    void register() throws IOException {
        ServletOutputStream stream = clientResponse.getOutputStream();
        synchronized (this) {
            out = stream;
        }
        stream.setWriteListener(this);
    }

    /** Status and headers of the answer; applied to the response with its first byte. */
    private record Head(int status, List<Map.Entry<String, String>> headers) {
    }

    /**
     * Sets the answer's status and headers, unless a head was already set. They stay pending until
     * the first byte is written, so an error before then simply replaces them: the response is
     * never {@code reset()}, which on Tomcat would also drop the WriteListener.
     */
    synchronized void head(int statusCode, List<Map.Entry<String, String>> headers, boolean sse) {
        if (pendingHead != null || headApplied || finished) {
            return;
        }
        pendingHead = new Head(statusCode, List.copyOf(headers));
        status = statusCode;
        eventStream = sse;
    }

    /** Under the lock, before the first byte or the completion. */
    private void applyHead() {
        if (headApplied || pendingHead == null) {
            return;
        }
        headApplied = true;
        clientResponse.setStatus(pendingHead.status());
        for (Map.Entry<String, String> header : pendingHead.headers()) {
            clientResponse.addHeader(header.getKey(), header.getValue());
        }
        pendingHead = null;
    }

    /** Queues a chunk; it belongs to the writer from now on. Any thread. */
    void write(ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            return;
        }
        synchronized (this) {
            if (finished) {
                return;
            }
            enqueue(chunk);
        }
        drain();
    }

    /** Completes the response once everything queued is written. Any thread. */
    void end() {
        synchronized (this) {
            endRequested = true;
        }
        drain();
    }

    /**
     * Ends the answer with an error: as a status and envelope if nothing reached the client yet,
     * as an SSE {@code error} event if an event stream has begun, else by cutting the body short
     * (a non-SSE body cannot carry an error once committed).
     */
    void fail(AnthropicError error) {
        fail(error, null);
    }

    /** {@link #fail(AnthropicError)} with a {@code retry-after} (whole seconds) on a status answer. */
    void fail(AnthropicError error, String retryAfter) {
        synchronized (this) {
            if (finished || endRequested) {
                return;
            }
            if (!headApplied || !clientResponse.isCommitted()) {
                queue.clear();
                queuedBytes = 0;
                eventStream = false;
                status = error.status();
                if (headApplied) {
                    // the answer's head is set but nothing has left: drop its bytes, keep the listener
                    clientResponse.resetBuffer();
                    ErrorResponses.prepare(clientResponse, error, requestId, retryAfter);
                } else {
                    pendingHead = new Head(error.status(), ErrorResponses.headers(error, retryAfter));
                }
                enqueue(ByteBuffer.wrap(error.toJsonBytes()));
            } else if (eventStream) {
                enqueue(ByteBuffer.wrap(error.toSseEvent()));
            }
            endRequested = true;
        }
        drain();
    }

    private void enqueue(ByteBuffer chunk) {
        queue.add(chunk);
        queuedBytes += chunk.remaining();
    }

    /** The status sent (or about to be); 0 before the head. */
    synchronized int status() {
        return status;
    }

    /** Bytes queued and not yet handed to the container. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable cause) {
        clientGoneWhileWriting(cause);
    }

    private void drain() {
        long remaining;
        boolean complete = false;
        IOException failure = null;
        synchronized (this) {
            if (finished || out == null) {
                return;
            }
            try {
                while (out.isReady()) {
                    ByteBuffer next = queue.poll();
                    if (next == null) {
                        if (flushPending && (eventStream || endRequested)) {
                            flushPending = false;
                            out.flush();
                            continue;
                        }
                        if (endRequested) {
                            applyHead();
                            finished = true;
                            complete = true;
                        }
                        break;
                    }
                    queuedBytes -= next.remaining();
                    applyHead();
                    out.write(next.array(), next.arrayOffset() + next.position(), next.remaining());
                    flushPending = true;
                }
            } catch (IOException | IllegalStateException e) {
                finished = true;
                failure = e instanceof IOException io ? io : new IOException(e);
            }
            remaining = queuedBytes;
        }
        if (failure != null) {
            clientGoneWhileWriting(failure);
            return;
        }
        events.drained(remaining);
        if (complete) {
            completeOnce();
        }
    }

    private void clientGoneWhileWriting(Throwable cause) {
        synchronized (this) {
            finished = true;
            queue.clear();
            queuedBytes = 0;
        }
        events.clientGone(cause);
        completeOnce();
    }

    /** Stops writing without completing normally: the client went away (seen by the container). */
    void abort() {
        synchronized (this) {
            finished = true;
            queue.clear();
            queuedBytes = 0;
        }
        completeOnce();
    }

    private void completeOnce() {
        if (completed.compareAndSet(false, true)) {
            try {
                asyncContext.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the container ended the request itself after a client error
            }
        }
    }
}
