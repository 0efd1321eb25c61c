package io.github.modelrouter.stream;

import io.github.modelrouter.json.ByteSearch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into SSE events as chunks arrive, by WHATWG's line rules: a line ends with
 * LF, CRLF or CR (a CR ending one chunk and an LF starting the next are one line end), and an
 * empty line ends an event. Events may be split at any byte, inside a UTF-8 character or between
 * CR and LF. Each complete event is handed out at once as an {@link SseEvent}: its exact bytes,
 * blank line included, so that a proxy can forward it unchanged; fields are parsed only if asked.
 * Every event comes through the same view instance, reset for each (detach one to keep it), with
 * the positions of its lines as this scan found them, so that no one splits its lines again.
 *
 * <p>Every byte of the input belongs to exactly one handed-out event, so the concatenated raw bytes
 * of all events equal the input. A blank line with nothing before it is an event of its own (no
 * fields). A UTF-8 BOM opening the stream stays in the first event's raw bytes.
 *
 * <p><b>Memory is bounded</b>: the parser carries over only the unfinished event, and an event
 * longer than {@code maxEventBytes} fails with {@link SseEventTooLargeException}, after which the
 * parser refuses further input. Anthropic's events are a few hundred bytes; the default 1 MiB
 * leaves room for a large {@code message_start} or tool input.
 *
 * <p><b>End of stream</b>: bytes after the last blank line are handed out by {@link #finish} as
 * an event whose {@link SseEvent#terminated()} is false. WHATWG clients discard them; a proxy that
 * forwards them unchanged keeps the stream byte-identical and lets the client apply that rule.
 *
 * <p>Called by one thread at a time (the one delivering upstream chunks); never blocks.
 */
public final class SseParser {

    /** Default largest event, blank line included: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    /** Carry-over arrays grown past this are released once their event is out. */
    private static final int RETAINED_CARRY_CAPACITY = 16 * 1024;
    /** Line tables grown past this many ints are released once their event is out. */
    private static final int RETAINED_LINES_CAPACITY = 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxEventBytes;
    /** The one view every event is handed out through (see SseEvent: valid during the callback). */
    private final SseEvent view = new SseEvent(new byte[0], 0, 0, new int[0], 0, true, false);
    private byte[] carry = new byte[512];
    private int carryLength;
    /**
     * The non-empty lines of the event so far: start and end (exclusive, line end not included)
     * of each, relative to the event's first byte, which stay right when the event's beginning
     * moves to the carry-over buffer. A BOM opening the stream is not part of its first line.
     */
    private int[] lines = new int[16];
    private int lineCount;
    /** Where the line now being read began, relative to the event's first byte. */
    private int lineStart;
    /** No byte but line ends since the event began or the last line ended. */
    private boolean lineEmpty = true;
    /** The last byte was a CR: an LF now completes that line end. */
    private boolean afterCr;
    /** An event ended on a CR that was the last byte of its chunk; an LF next is its tail. */
    private boolean tailPossible;
    private int bomMatched;
    private boolean bomDecided;
    private boolean failed;
    private boolean finished;

    public SseParser() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    /** @param maxEventBytes largest event accepted, blank line included */
    public SseParser(int maxEventBytes) {
        if (maxEventBytes < 2) {
            throw new IllegalArgumentException("maxEventBytes must be at least 2: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Reads all of {@code input} and hands each event it completes to {@code events}, in order.
     * The events are views valid only during the callback.
     *
     * @throws SseEventTooLargeException when an event passes the limit
     */
    public void parse(ByteBuffer input, Consumer<SseEvent> events) {
        checkUsable();
        int length = input.remaining();
        if (length == 0) {
            return;
        }
        byte[] bytes;
        int from;
        if (input.hasArray()) {
            bytes = input.array();
            from = input.arrayOffset() + input.position();
            input.position(input.limit());
        } else {
            // direct and read-only buffers have no accessible array: one copy
            bytes = new byte[length];
            input.get(bytes);
            from = 0;
        }
        try {
            scan(bytes, from, from + length, events);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Ends the stream: hands out the bytes after the last blank line, if any, as an unterminated
     * event. The parser accepts no input afterwards.
     */
    public void finish(Consumer<SseEvent> events) {
        checkUsable();
        finished = true;
        if (carryLength > 0) {
            if (!lineEmpty) {
                addLine(carryLength); // the last line, cut short by the end of the stream
            }
            events.accept(view.reset(carry, 0, carryLength, lines, lineCount, false, false));
            carryLength = 0;
        }
    }

    /** Bytes of the unfinished event held so far. */
    public int pendingBytes() {
        return carryLength;
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("the SSE parser failed earlier and accepts no more input");
        }
        if (finished) {
            throw new IllegalStateException("the SSE stream has already finished");
        }
    }

    private void scan(byte[] bytes, int from, int to, Consumer<SseEvent> events) {
        int p = from;
        if (tailPossible) {
            tailPossible = false;
            if (bytes[p] == '\n') {
                afterCr = false;
                events.accept(view.reset(bytes, p, 1, lines, 0, true, true));
                p++;
            }
        }
        int eventStart = p;
        if (!bomDecided) {
            p = matchBom(bytes, p, to);
        }
        while (p < to) {
            int q = ByteSearch.indexOfEither(bytes, p, to, (byte) '\n', (byte) '\r');
            if (q > p) {
                if (lineEmpty) {
                    lineStart = carryLength + p - eventStart;
                }
                lineEmpty = false;
                afterCr = false;
                p = q;
                if (p == to) {
                    break;
                }
            }
            byte b = bytes[p++];
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (!lineEmpty) {
                addLine(carryLength + p - 1 - eventStart);
                lineEmpty = true;
                continue;
            }
            if (afterCr) {
                if (p < to && bytes[p] == '\n') {
                    p++;
                    afterCr = false;
                } else if (p == to) {
                    tailPossible = true;
                }
            }
            emit(bytes, eventStart, p, events);
            eventStart = p;
        }
        keepUnfinished(bytes, eventStart, to);
    }

    /** Consumes the bytes of a leading BOM; they do not count as line content. */
    private int matchBom(byte[] bytes, int p, int to) {
        while (!bomDecided && p < to) {
            if (bytes[p] == BOM[bomMatched]) {
                p++;
                if (++bomMatched == BOM.length) {
                    bomDecided = true;
                }
            } else {
                bomDecided = true;
                if (bomMatched > 0) {
                    // not a BOM after all: its first bytes begin the stream's first line
                    lineEmpty = false;
                    lineStart = 0;
                }
            }
        }
        return p;
    }

    private void emit(byte[] bytes, int from, int to, Consumer<SseEvent> events) {
        int length = carryLength + to - from;
        if (length > maxEventBytes) {
            throw new SseEventTooLargeException(maxEventBytes);
        }
        SseEvent event;
        if (carryLength == 0) {
            event = view.reset(bytes, from, length, lines, lineCount, true, false);
        } else {
            append(bytes, from, to);
            event = view.reset(carry, 0, length, lines, lineCount, true, false);
            carryLength = 0;
        }
        lineCount = 0;
        events.accept(event);
        if (carry.length > RETAINED_CARRY_CAPACITY && carryLength == 0) {
            carry = new byte[512];
        }
        if (lines.length > RETAINED_LINES_CAPACITY) {
            lines = new int[16];
        }
    }

    /** Records the line from {@link #lineStart} to {@code end}, both relative to the event's start. */
    private void addLine(int end) {
        if (end > maxEventBytes) {
            // checked here too, so that one huge chunk cannot grow the table past the event limit
            throw new SseEventTooLargeException(maxEventBytes);
        }
        if (2 * lineCount + 2 > lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[2 * lineCount] = lineStart;
        lines[2 * lineCount + 1] = end;
        lineCount++;
    }

    private void keepUnfinished(byte[] bytes, int from, int to) {
        if (carryLength + to - from > maxEventBytes) {
            throw new SseEventTooLargeException(maxEventBytes);
        }
        append(bytes, from, to);
    }

    private void append(byte[] bytes, int from, int to) {
        int length = to - from;
        if (carryLength + length > carry.length) {
            byte[] grown = new byte[Math.min(maxEventBytes, Math.max(carryLength + length, carry.length * 2))];
            System.arraycopy(carry, 0, grown, 0, carryLength);
            carry = grown;
        }
        System.arraycopy(bytes, from, carry, carryLength, length);
        carryLength += length;
    }
}
