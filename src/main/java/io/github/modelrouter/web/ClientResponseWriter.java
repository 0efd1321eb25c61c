package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import io.github.modelrouter.stream.KeepAlive;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one exchange's answer to the client without blocking, the way Jetty's
 * {@code AsyncMiddleManServlet.ProxyWriter} does: chunks are queued from any thread and written
 * while {@link ServletOutputStream#isReady()} holds; the container calls {@link #onWritePossible}
 * when the client can take more. Every response change (status, headers, body, completion) happens
 * under this object's lock, so the reactor thread, timer threads and container threads never touch
 * the response at the same time, and {@link AsyncContext#complete()} is called exactly once.
 *
 * <p>SSE answers are flushed whenever the queue empties, so each event reaches the client as soon
 * as it is complete. Other answers are held back until they are whole or pass {@link #HOLD_BYTES}
 * (then sent with their exact length), and larger ones are left to the container's buffer: either
 * way a failure before anything left stays answerable with a clean status.
 *
 * <p>Its life is one {@link State} at a time, changed only under the lock: no head yet; a head
 * pending (set, not yet on the response); writing (the head is on the response with the first
 * byte); ending (no more chunks, the queue drains, then the response completes); done.
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

        /**
         * The answer is about to be aborted ({@link AbortServlet}): no completion event follows on
         * every container (Jetty's abort skips {@code AsyncListener.onComplete}), so whatever the
         * exchange does at its end must happen now, and only once.
         */
        void aborting();

        /**
         * Something is about to be put on the response, or the async cycle to end: from now on the
         * container may use the connection, so the exchange stops looking at it ({@link ClientPresence}).
         * Called before each head, error and abort, possibly more than once.
         */
        void answerStarting();
    }

    /**
     * A non-SSE answer is held back until it is whole or passes this size. Held, a small answer
     * (most JSON answers, every error) goes out with its exact length in one write, and a failure
     * before then simply replaces it with an error: nothing was on the response to take back (the
     * upstream's headers included, which Tomcat cannot remove once set). Below the exchange's
     * low-water mark, so credit keeps flowing to the upstream while the answer is held.
     */
    static final long HOLD_BYTES = 16 * 1024;

    private final AsyncContext asyncContext;
    private final HttpServletResponse clientResponse;
    private final String requestId;
    private final Events events;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    /** What must end before the async cycle completes: the answer, and a request body still being read. */
    private final AtomicInteger completionVotes = new AtomicInteger(1);
    private ServletOutputStream out;
    private long queuedBytes;
    private State state = State.NO_HEAD;
    /** The head set and not yet applied; non-null only before the first byte. */
    private Head pendingHead;
    private boolean eventStream;
    /** The headers of the head once it is on the response, so an error can take them off again. */
    private List<Map.Entry<String, String>> appliedHeaders = List.of();
    /** The length of the whole answer when all of it was queued before its head was applied; else -1. */
    private long wholeLength = -1;
    /** Bytes were written since the last flush. */
    private boolean flushPending;
    private int status;
    /** Set for an event stream whose client gets pings while it would otherwise hear nothing; else null. */
    private KeepAlive keepAlive;

    /** Where the answer stands; see the class comment. */
    private enum State {
        NO_HEAD, HEAD_PENDING, WRITING, ENDING, DONE;

        boolean headOnResponse() {
            return this == WRITING;
        }
    }

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
    void head(int statusCode, List<Map.Entry<String, String>> headers, boolean sse) {
        events.answerStarting();
        synchronized (this) {
            if (state != State.NO_HEAD) {
                return;
            }
            state = State.HEAD_PENDING;
            pendingHead = new Head(statusCode, List.copyOf(headers));
            status = statusCode;
            eventStream = sse;
        }
    }

    /**
     * Lets {@link #pingIfDue} send pings on this answer. Call before the first chunk, only for an
     * event stream whose chunks are whole events (the ping goes between two of them).
     */
    synchronized void keepAlive(KeepAlive value) {
        keepAlive = value;
    }

    /**
     * Queues a {@code ping} event when the stream's keep-alive says one is due: only while the
     * answer is being written (its first byte is out, it is not ending), with nothing queued, and
     * when the client can take bytes now, so a ping never waits behind a slow client or adds to a
     * backlog, and never lands inside an event. Any thread (the keep-alive sweep).
     *
     * @return whether a ping was queued
     */
    boolean pingIfDue(long nowNanos) {
        synchronized (this) {
            if (keepAlive == null || state != State.WRITING || !eventStream || !queue.isEmpty() || out == null
                    || !keepAlive.due(nowNanos)) {
                return false;
            }
            try {
                if (!out.isReady()) {
                    // the container calls onWritePossible later; the next sweep looks again
                    return false;
                }
            } catch (IllegalStateException e) {
                return false;
            }
            enqueue(KeepAlive.ping());
        }
        drain();
        return true;
    }

    /** Under the lock, with the first byte or at the completion: the pending head goes on the response. */
    private void applyHead() {
        if (state == State.HEAD_PENDING || state == State.NO_HEAD) {
            state = State.WRITING;
        }
        if (pendingHead == null) {
            return;
        }
        clientResponse.setStatus(pendingHead.status());
        for (Map.Entry<String, String> header : pendingHead.headers()) {
            clientResponse.addHeader(header.getKey(), header.getValue());
        }
        if (wholeLength > 0) {
            // the whole answer is queued: it leaves with its length, in one write, not chunked
            clientResponse.setContentLengthLong(wholeLength);
        }
        appliedHeaders = pendingHead.headers();
        pendingHead = null;
    }

    /** Queues a chunk; it belongs to the writer from now on. Any thread. */
    void write(ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            return;
        }
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            enqueue(chunk);
        }
        drain();
    }

    /** Completes the response once everything queued is written. Any thread. */
    void end() {
        synchronized (this) {
            if (state != State.DONE) {
                state = State.ENDING;
            }
        }
        drain();
    }

    /**
     * Ends the answer with an error: as a status and envelope if nothing reached the client yet,
     * as an SSE {@code error} event if an event stream has begun, else by aborting the connection
     * ({@link AbortServlet}): a committed non-SSE body cannot carry an error, and ending it
     * normally would make a cut-short body look whole.
     */
    void fail(AnthropicError error) {
        fail(error, null);
    }

    /** {@link #fail(AnthropicError)} with a {@code retry-after} (whole seconds) on a status answer. */
    void fail(AnthropicError error, String retryAfter) {
        events.answerStarting();
        boolean breakConnection = false;
        synchronized (this) {
            if (state == State.DONE || state == State.ENDING) {
                return;
            }
            boolean headOnResponse = state.headOnResponse();
            if (!headOnResponse || !clientResponse.isCommitted()) {
                queue.clear();
                queuedBytes = 0;
                eventStream = false;
                status = error.status();
                byte[] envelope = error.toJsonBytes();
                if (headOnResponse) {
                    // the answer's head is set but nothing has left: drop its bytes, keep the listener
                    clientResponse.resetBuffer();
                    // a proxy error never carries the upstream's headers (content-encoding, rate limits)
                    for (Map.Entry<String, String> header : appliedHeaders) {
                        clientResponse.setHeader(header.getKey(), null);
                    }
                    ErrorResponses.prepare(clientResponse, error, requestId, retryAfter);
                    clientResponse.setContentLength(envelope.length);
                } else {
                    // with its length the answer is whole once written, even while the request body
                    // is still arriving (a 413) and the async cycle has not completed
                    List<Map.Entry<String, String>> headers = new ArrayList<>(ErrorResponses.headers(error, retryAfter));
                    headers.add(Map.entry("content-length", Integer.toString(envelope.length)));
                    pendingHead = new Head(error.status(), headers);
                }
                enqueue(ByteBuffer.wrap(envelope));
            } else if (eventStream) {
                enqueue(ByteBuffer.wrap(error.toSseEvent()));
            } else {
                breakConnection = true;
            }
            state = breakConnection ? State.DONE : State.ENDING;
            if (breakConnection) {
                queue.clear();
                queuedBytes = 0;
            }
        }
        if (breakConnection) {
            abortConnection();
            return;
        }
        drain();
    }

    /** Ends the async cycle through {@link AbortServlet}, which makes the container abort the connection. */
    private void abortConnection() {
        if (completed.compareAndSet(false, true)) {
            events.answerStarting();
            events.aborting();
            try {
                asyncContext.dispatch(AbortServlet.PATH);
            } catch (IllegalStateException alreadyCompleted) {
                // the container ended the request itself after a client error
            }
        }
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
            if (state == State.DONE || out == null) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (pendingHead != null && !eventStream) {
                        if (state == State.HEAD_PENDING && queuedBytes <= HOLD_BYTES) {
                            break; // a small answer is held back whole: see HOLD_BYTES
                        }
                        if (state == State.ENDING && queuedBytes > 0) {
                            wholeLength = queuedBytes;
                        }
                    }
                    ByteBuffer next = queue.poll();
                    if (next == null) {
                        boolean ending = state == State.ENDING;
                        if (flushPending && (eventStream || ending)) {
                            flushPending = false;
                            out.flush();
                            continue;
                        }
                        if (ending) {
                            applyHead();
                            state = State.DONE;
                            complete = true;
                        }
                        break;
                    }
                    queuedBytes -= next.remaining();
                    applyHead();
                    out.write(next.array(), next.arrayOffset() + next.position(), next.remaining());
                    flushPending = true;
                    if (keepAlive != null) {
                        keepAlive.wrote(next, System.nanoTime());
                    }
                }
            } catch (IOException | IllegalStateException e) {
                state = State.DONE;
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
            vote();
        }
    }

    private void clientGoneWhileWriting(Throwable cause) {
        synchronized (this) {
            state = State.DONE;
            queue.clear();
            queuedBytes = 0;
        }
        events.clientGone(cause);
        completeOnce();
    }

    /** Stops writing without completing normally: the client went away (seen by the container). */
    void abort() {
        events.answerStarting();
        synchronized (this) {
            state = State.DONE;
            queue.clear();
            queuedBytes = 0;
        }
        completeOnce();
    }

    /**
     * The answer is to be written while the request body is still arriving (a 413): the async
     * cycle then completes only after {@link #inputDone}, so the container does not close the
     * connection under a client still sending, which would reset it before it reads the answer.
     * Call once, before the answer ends.
     */
    void holdCompletionForInput() {
        completionVotes.incrementAndGet();
    }

    /** The request body held by {@link #holdCompletionForInput} has been read or given up on. */
    void inputDone() {
        vote();
    }

    private void vote() {
        if (completionVotes.decrementAndGet() == 0) {
            completeOnce();
        }
    }

    private void completeOnce() {
        if (completed.compareAndSet(false, true)) {
            events.answerStarting();
            try {
                asyncContext.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the container ended the request itself after a client error
            }
        }
    }
}
