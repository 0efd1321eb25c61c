package io.github.modelrouter.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the client's request body without blocking and stops keeping it as soon as it passes
 * {@code router.max-body-bytes}, so an oversized body never sits in memory.
 *
 * <p>Past the cap the rest is read and thrown away (up to {@link #MAX_DISCARD_BYTES}) before the
 * 413 is sent: a client still sending when the connection closes gets a reset that can destroy
 * the answer before it reads it (Tomcat's {@code maxSwallowSize} and nginx's lingering close do
 * the same). Beyond that much, the 413 goes out at once and the connection is closed.
 *
 * <p>Called by container threads, one at a time; never blocks.
 */
final class RequestBodyReader implements ReadListener {

    /** How much of an oversized body is read and discarded so the client can read the 413. */
    static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;

    /** Where the body goes. */
    interface Sink {
        void bodyReceived(byte[] body);

        void bodyTooLarge(long limit);

        void bodyFailed(Throwable cause);
    }

    private final ServletInputStream clientInput;
    private final long limit;
    private final Sink sink;
    private byte[] buffer;
    private int size;
    private boolean refused;
    private boolean discarding;
    private long discarded;

    RequestBodyReader(ServletInputStream clientInput, long limit, long contentLengthHint, Sink sink) {
        this.clientInput = clientInput;
        this.limit = limit;
        this.sink = sink;
        int initial = contentLengthHint > 0 && contentLengthHint <= limit ? (int) contentLengthHint : 16 * 1024;
        this.buffer = new byte[Math.max(initial, 1024)];
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!refused && clientInput.isReady()) {
            if (discarding) {
                int read = clientInput.read(buffer, 0, buffer.length);
                if (read < 0) {
                    return;
                }
                discarded += read;
                if (discarded > MAX_DISCARD_BYTES) {
                    refuse();
                    return;
                }
                continue;
            }
            if (size == buffer.length) {
                grow(); // a larger buffer, or past the cap: discarding from now on
                continue;
            }
            int read = clientInput.read(buffer, size, buffer.length - size);
            if (read < 0) {
                return;
            }
            size += read;
            if (size > limit) {
                startDiscarding();
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (discarding && !refused) {
            refuse();
            return;
        }
        if (!refused) {
            sink.bodyReceived(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
            buffer = null;
        }
    }

    @Override
    public void onError(Throwable cause) {
        buffer = null;
        if (!refused) {
            refused = true;
            sink.bodyFailed(cause);
        }
    }

    private void grow() {
        long next = Math.min((long) buffer.length * 2, limit + 1);
        if (next <= buffer.length) {
            startDiscarding();
            return;
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(next, Integer.MAX_VALUE - 8));
    }

    private void startDiscarding() {
        discarding = true;
        discarded = Math.max(0, size - limit);
        buffer = new byte[8192];
    }

    private void refuse() {
        refused = true;
        buffer = null;
        sink.bodyTooLarge(limit);
    }
}
