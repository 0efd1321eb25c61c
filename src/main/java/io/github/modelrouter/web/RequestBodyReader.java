package io.github.modelrouter.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the client's request body without blocking, holding memory in proportion to the bytes
 * actually received (never to a declared {@code Content-Length}), and stops keeping it as soon
 * as it passes {@code router.max-body-bytes}.
 *
 * <p>Past the cap the sink is told at once ({@link Sink#bodyTooLarge}), so the client gets its
 * 413 whether or not it goes on sending; the rest is then read and thrown away, up to
 * {@link #MAX_DISCARD_BYTES}, before {@link Sink#bodyDiscarded}: a client still sending when the
 * connection closes gets a reset that can destroy the answer before it reads it (Tomcat's
 * {@code maxSwallowSize} and nginx's lingering close do the same).
 *
 * <p>{@link #timedOut} ends reading early ({@code router.body-timeout}). Container threads call
 * the listener methods one at a time and the scheduler calls {@link #timedOut}, so each method
 * holds this object's lock briefly; none blocks.
 */
final class RequestBodyReader implements ReadListener {

    /** How much of an oversized body is read and discarded so the client can read the 413. */
    static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;

    /** Where the body goes. Called outside this reader's lock. */
    interface Sink {
        void bodyReceived(byte[] body);

        /** The body passed the cap; reading goes on, discarding, until {@link #bodyDiscarded}. */
        void bodyTooLarge(long limit);

        /** The rest of an oversized body was read (or reading was given up). */
        void bodyDiscarded();

        void bodyFailed(Throwable cause);
    }

    private enum Phase { READING, DISCARDING, DONE }

    /** Stops the read loop at the end of the input; onAllDataRead then tells the sink. */
    private static final Runnable END_OF_INPUT = () -> { };

    private final ServletInputStream clientInput;
    private final long limit;
    private final Sink sink;
    /** The declared {@code Content-Length}, or -1: a hint for sizing, never trusted for memory. */
    private final long declared;
    private byte[] buffer;
    private int size;
    private Phase phase = Phase.READING;
    private long discarded;

    RequestBodyReader(ServletInputStream clientInput, long limit, long contentLengthHint, Sink sink) {
        this.clientInput = clientInput;
        this.limit = limit;
        this.sink = sink;
        this.declared = contentLengthHint;
        this.buffer = new byte[BodyBufferGrowth.first(contentLengthHint, limit)];
    }

    @Override
    public void onDataAvailable() throws IOException {
        Runnable tell = null;
        synchronized (this) {
            while (phase != Phase.DONE && tell == null && clientInput.isReady()) {
                tell = phase == Phase.DISCARDING ? discardSome() : readSome();
            }
        }
        if (tell != null && tell != END_OF_INPUT) {
            tell.run();
        }
    }

    /** Reads into the buffer; answers what to tell the sink, if anything. */
    private Runnable readSome() throws IOException {
        int read;
        if (size < buffer.length) {
            read = clientInput.read(buffer, size, buffer.length - size);
        } else if (size == declared) {
            // Every declared byte is here, so "ready" now means the end. Growing first, as for a
            // body still arriving, would double the buffer for nothing and copy the body back
            // into one of its length: 900 KB of the 1.4 MB a 300 KB body used to cost.
            int next = clientInput.read();
            if (next >= 0) {
                grow();
                buffer[size] = (byte) next;
            }
            read = next < 0 ? -1 : 1;
        } else {
            grow();
            read = clientInput.read(buffer, size, buffer.length - size);
        }
        if (read < 0) {
            return END_OF_INPUT; // onAllDataRead follows
        }
        size += read;
        if (size <= limit) {
            return null;
        }
        phase = Phase.DISCARDING;
        discarded = size - limit;
        buffer = new byte[8192];
        return () -> sink.bodyTooLarge(limit);
    }

    private void grow() {
        buffer = Arrays.copyOf(buffer, BodyBufferGrowth.next(buffer.length, size, declared, limit));
    }

    private Runnable discardSome() throws IOException {
        int read = clientInput.read(buffer, 0, buffer.length);
        if (read < 0) {
            return END_OF_INPUT;
        }
        discarded += read;
        return discarded > MAX_DISCARD_BYTES ? finishDiscarding() : null;
    }

    private Runnable finishDiscarding() {
        phase = Phase.DONE;
        buffer = null;
        return sink::bodyDiscarded;
    }

    @Override
    public void onAllDataRead() {
        Runnable tell;
        synchronized (this) {
            if (phase == Phase.DISCARDING) {
                tell = finishDiscarding();
            } else if (phase == Phase.READING) {
                phase = Phase.DONE;
                byte[] body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                buffer = null;
                tell = () -> sink.bodyReceived(body);
            } else {
                return;
            }
        }
        tell.run();
    }

    @Override
    public void onError(Throwable cause) {
        Runnable tell;
        synchronized (this) {
            if (phase == Phase.READING) {
                tell = () -> sink.bodyFailed(cause);
            } else if (phase == Phase.DISCARDING) {
                tell = sink::bodyDiscarded; // gone after its 413: nothing more to wait for
            } else {
                return;
            }
            phase = Phase.DONE;
            buffer = null;
        }
        tell.run();
    }

    /**
     * The body deadline passed. Answers whether the body was still being read (the caller then
     * refuses it with 408); a body being discarded after its 413 is given up on, and the sink told.
     */
    boolean timedOut() {
        Runnable tell;
        synchronized (this) {
            if (phase == Phase.READING) {
                phase = Phase.DONE;
                buffer = null;
                return true;
            }
            if (phase != Phase.DISCARDING) {
                return false;
            }
            tell = finishDiscarding();
        }
        tell.run();
        return false;
    }
}
