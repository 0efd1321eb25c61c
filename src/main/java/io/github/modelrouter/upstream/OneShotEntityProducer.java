package io.github.modelrouter.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Sends a request body once and lets go of it as soon as it is written. HttpClient's
 * {@code BasicAsyncEntityProducer} keeps its buffer until the whole exchange ends, which for a
 * stream means minutes of holding a 100–300 KB Claude Code request per open stream. Not
 * repeatable: the proxy, not HttpClient, decides retries (and rewrites the body for them).
 *
 * <p>When nothing will read the body any more (all of it written, or the exchange let go of it)
 * the producer says so once ({@code onDone}), so that its array can be reused. HTTP/1.1's encoders
 * copy what {@code write} takes before it returns, into the session's buffer or the socket, so
 * only a {@link #produce} still running reads it: a release that arrives meanwhile (a cancel from
 * another thread) is left for that {@code produce} to finish.
 *
 * <p>Called on the I/O reactor thread but for a release; never blocks.
 */
final class OneShotEntityProducer implements AsyncEntityProducer {

    private static final int IDLE = 0;
    private static final int PRODUCING = 1;
    /** Released while a {@link #produce} was running: that produce finishes the release. */
    private static final int RELEASING = 2;
    private static final int DONE = 3;

    private final long length;
    private final String contentType;
    private final Runnable onProgress;
    private final Runnable onDone;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile ByteBuffer remaining;

    /**
     * @param onProgress told each time the connection takes body bytes (the upstream is reading)
     * @param onDone told once nothing will read the body any more (see {@link UpstreamRequest})
     */
    OneShotEntityProducer(ByteBuffer body, String contentType, Runnable onProgress, Runnable onDone) {
        this.length = body.remaining();
        this.contentType = contentType;
        this.onProgress = onProgress;
        this.onDone = onDone;
        this.remaining = body.duplicate();
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public int available() {
        ByteBuffer buffer = remaining;
        return buffer == null ? 0 : buffer.remaining();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        ByteBuffer buffer = remaining;
        if (buffer == null || !state.compareAndSet(IDLE, PRODUCING)) {
            return;
        }
        boolean written = false;
        try {
            onProgress.run();
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return; // the channel asks for more when it can take it
                }
            }
            written = true;
        } finally {
            if (written || !state.compareAndSet(PRODUCING, IDLE)) {
                done(); // all taken, or released meanwhile
            }
        }
        channel.endStream();
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public void releaseResources() {
        while (true) {
            int now = state.get();
            if (now == IDLE && state.compareAndSet(IDLE, DONE)) {
                remaining = null;
                onDone.run();
                return;
            }
            if (now == PRODUCING && state.compareAndSet(PRODUCING, RELEASING)) {
                return;
            }
            if (now == RELEASING || now == DONE) {
                return;
            }
        }
    }

    private void done() {
        state.set(DONE);
        remaining = null;
        onDone.run();
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return false;
    }

    @Override
    public Set<String> getTrailerNames() {
        return Set.of();
    }
}
