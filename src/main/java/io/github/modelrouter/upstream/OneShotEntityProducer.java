package io.github.modelrouter.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Sends a request body once and lets go of it as soon as it is written. HttpClient's
 * {@code BasicAsyncEntityProducer} keeps its buffer until the whole exchange ends, which for a
 * stream means minutes of holding a 100–300 KB Claude Code request per open stream. Not
 * repeatable: the proxy, not HttpClient, decides retries (and rewrites the body for them).
 *
 * <p>Called on the I/O reactor thread; never blocks.
 */
final class OneShotEntityProducer implements AsyncEntityProducer {

    private final long length;
    private final String contentType;
    private final Runnable onProgress;
    private final Runnable onWritten;
    private volatile ByteBuffer remaining;

    /**
     * @param onProgress told each time the connection takes body bytes (the upstream is reading)
     * @param onWritten told once the connection has taken the last byte (see {@link UpstreamRequest})
     */
    OneShotEntityProducer(ByteBuffer body, String contentType, Runnable onProgress, Runnable onWritten) {
        this.length = body.remaining();
        this.contentType = contentType;
        this.onProgress = onProgress;
        this.onWritten = onWritten;
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
        if (buffer == null) {
            return;
        }
        onProgress.run();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                return; // the channel asks for more when it can take it
            }
        }
        remaining = null;
        // HTTP/1.1's encoders copy what write() takes before it returns, into the session's buffer
        // or the socket: nothing reads the body's array after this
        onWritten.run();
        channel.endStream();
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public void releaseResources() {
        remaining = null;
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
