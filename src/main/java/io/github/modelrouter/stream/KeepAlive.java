package io.github.modelrouter.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * When one client stream is due a {@code ping} event: after {@code interval} without a byte, and
 * only at an event boundary of the bytes the client has been given.
 *
 * <p>The stream stage hands the client whole events only (SseEventFilter, the OpenAI stream
 * translator), so the end of the last chunk written is an event boundary, with one exception: an
 * event whose blank line is a CR-LF whose CR ended one upstream chunk. The LF then comes as a
 * chunk of its own, and a ping between the two would split that line end. So a stream whose last
 * byte is a CR waits one more interval: the LF of a split CR-LF comes with the upstream's next
 * packet, at once. A stream still silent after that is one with CR line ends (or a stalled
 * upstream), and is pinged; even a late LF would then only make an empty line, which SSE clients
 * ignore.
 *
 * <p>Nothing is due before the first byte: the router commits the answer's status with its first
 * byte, and a ping before it would commit a 200 while a retry or fallback may still follow, and
 * would turn a clean error status into an SSE error event.
 *
 * <p>Not thread-safe: its owner (the client writer) calls it under its own lock.
 */
public final class KeepAlive {

    /** Anthropic's ping event, byte for byte as the API sends it. */
    private static final byte[] PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final long intervalNanos;
    private long lastByteNanos;
    private boolean wroteAny;
    private boolean endsInCr;

    /** @param intervalNanos client silence after which a ping is due; positive */
    public KeepAlive(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** The ping event's bytes, a fresh buffer each call (it belongs to the receiver). */
    public static ByteBuffer ping() {
        return ByteBuffer.wrap(PING.clone());
    }

    /** The client was just given {@code chunk} (its remaining bytes) at {@code nowNanos}. */
    public void wrote(ByteBuffer chunk, long nowNanos) {
        if (!chunk.hasRemaining()) {
            return;
        }
        wroteAny = true;
        lastByteNanos = nowNanos;
        endsInCr = chunk.get(chunk.limit() - 1) == '\r';
    }

    /** Whether a ping is due at {@code nowNanos}, given that nothing is queued for the client. */
    public boolean due(long nowNanos) {
        long silence = nowNanos - lastByteNanos;
        return wroteAny && (endsInCr ? silence / 2 >= intervalNanos : silence >= intervalNanos);
    }
}
