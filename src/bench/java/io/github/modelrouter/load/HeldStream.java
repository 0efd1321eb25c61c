package io.github.modelrouter.load;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One streamed answer the upstream holds open: {@code message_start} at once, a {@code ping}
 * whenever asked (every second), and the rest of the answer ending with {@code message_stop} when
 * told to finish. Writes are serialised as Jetty's {@link IteratingCallback} intends (one write in
 * flight, the next started from the previous one's completion), so pings and the finish may be
 * requested from any thread without blocking and without {@code WritePendingException}.
 */
final class HeldStream extends IteratingCallback {

    private record Chunk(ByteBuffer bytes, boolean last) {
    }

    private final Response response;
    private final Callback exchange;
    private final HeldStreams registry;
    private final AnthropicWire wire;
    private final Queue<Chunk> pending = new ArrayDeque<>();
    private boolean finishing;
    private boolean lastWritten;

    HeldStream(Response response, Callback exchange, HeldStreams registry, AnthropicWire wire) {
        this.response = response;
        this.exchange = exchange;
        this.registry = registry;
        this.wire = wire;
    }

    void start() {
        synchronized (this) {
            pending.add(new Chunk(wire.streamHead(), false));
        }
        iterate();
    }

    /** Queues a ping unless one is still waiting or the stream is finishing. */
    void ping() {
        synchronized (this) {
            if (finishing || !pending.isEmpty()) {
                return;
            }
            pending.add(new Chunk(AnthropicWire.ping(), false));
        }
        iterate();
    }

    /** Queues the end of the answer; the exchange completes once it is written. */
    void finish() {
        synchronized (this) {
            if (finishing) {
                return;
            }
            finishing = true;
            pending.add(new Chunk(wire.streamRest(), true));
        }
        iterate();
    }

    @Override
    protected Action process() {
        Chunk next;
        synchronized (this) {
            if (lastWritten) {
                return Action.SUCCEEDED;
            }
            next = pending.poll();
            if (next == null) {
                return Action.IDLE;
            }
            lastWritten = next.last();
        }
        response.write(next.last(), next.bytes(), this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        registry.ended(this, true);
        exchange.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        registry.ended(this, false);
        exchange.failed(cause);
    }
}
