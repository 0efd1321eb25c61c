package io.github.modelrouter.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * Reads and drops the body of a request that was answered before it was read (a filter's
 * refusal, an unknown path), then completes the async cycle. Closing a connection whose request
 * bytes sit unread makes the kernel send a reset instead of a FIN, and a reset that reaches the
 * client before it has read the answer destroys the answer: the client sees "no bytes" at all.
 * Reading the body first leaves the connection clean, and reusable. The answer itself has already
 * been sent; only the completion waits.
 *
 * <p>Bounded: past {@code limit} bytes, or when the async timeout passes, reading stops and the
 * cycle completes (the container then closes the connection). Container threads call it, one
 * callback at a time; it never blocks.
 */
final class BodyDiscarder implements ReadListener, AsyncListener {

    private final AsyncContext asyncContext;
    private final ServletInputStream input;
    private final long limit;
    private final byte[] buffer = new byte[8192];
    private long discarded;
    private boolean done;

    BodyDiscarder(AsyncContext asyncContext, ServletInputStream input, long limit) {
        this.asyncContext = asyncContext;
        this.input = input;
        this.limit = limit;
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        while (!done && input.isReady()) {
            int read = input.read(buffer);
            if (read < 0) {
                return; // onAllDataRead follows
            }
            discarded += read;
            if (discarded > limit) {
                finish();
            }
        }
    }

    @Override
    public void onAllDataRead() {
        finish();
    }

    @Override
    public void onError(Throwable cause) {
        finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish();
    }

    @Override
    public void onError(AsyncEvent event) {
        finish();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        // the cycle ended; nothing left to do
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-dispatched
    }

    private synchronized void finish() {
        if (done) {
            return;
        }
        done = true;
        try {
            asyncContext.complete();
        } catch (IllegalStateException alreadyCompleted) {
            // the container ended the cycle itself (a client error or a timeout it handled)
        }
    }
}
