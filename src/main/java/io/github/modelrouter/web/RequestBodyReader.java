package io.github.modelrouter.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the client's request body without blocking and refuses it as soon as it passes
 * {@code router.max-body-bytes}, so an oversized body never sits in memory whole.
 *
 * <p>Called by container threads, one at a time; never blocks.
 */
final class RequestBodyReader implements ReadListener {

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
            if (size == buffer.length) {
                grow();
                if (refused) {
                    return;
                }
            }
            int read = clientInput.read(buffer, size, buffer.length - size);
            if (read < 0) {
                return;
            }
            size += read;
            if (size > limit) {
                refuse();
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
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
            refuse();
            return;
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(next, Integer.MAX_VALUE - 8));
    }

    private void refuse() {
        refused = true;
        buffer = null;
        sink.bodyTooLarge(limit);
    }
}
