package io.github.modelrouter.stream;

import io.github.modelrouter.json.ByteSearch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One event of an SSE stream as {@link SseParser} found it: its exact raw bytes, terminating blank
 * line included, and its fields, parsed only when first asked for.
 *
 * <p><b>A view, valid only during the callback that received it</b>: the raw bytes may live in the
 * caller's input buffer or in the parser's carry-over buffer, both reused afterwards, and the parser
 * hands out the same instance again for its next event (one allocation per stream instead of
 * several per event, on a path that sees thousands of events a second). Copy what you keep
 * ({@link #rawBytes()}, {@link #detach()}). Not thread-safe; used by the thread that feeds the
 * parser, and never blocks.
 *
 * <p>Field rules are WHATWG's: {@code event} (last one wins), {@code data} (lines joined with
 * "\n"), {@code id} (ignored when it contains NUL), {@code retry} (ASCII digits only), comments
 * (lines starting with ':') and unknown fields ignored, a line without colon is a field with an
 * empty value, one space after the colon is removed, and a UTF-8 BOM opening the stream is not
 * part of the first field name (it stays in the raw bytes).
 */
public final class SseEvent {

    private static final int[] NO_RANGES = {};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

    // what the event is: set by reset, for each event the parser hands out through this view
    private byte[] buffer;
    private int offset;
    private int length;
    /** Start and end of each non-empty line, relative to the first raw byte (SseParser's table). */
    private int[] lines;
    private int lineCount;
    private boolean terminated;
    private boolean continuesPrevious;

    // its fields, parsed on first use; dataRanges keeps its capacity from event to event
    private boolean parsed;
    private int eventFrom;
    private int eventTo;
    private int idFrom;
    private int idTo;
    private long retry;
    private int[] dataRanges = NO_RANGES;
    private int dataLines;
    private KnownEventType knownType;
    private String type;
    private String data;
    private DataText dataText;

    SseEvent(byte[] buffer, int offset, int length, int[] lines, int lineCount, boolean terminated,
             boolean continuesPrevious) {
        reset(buffer, offset, length, lines, lineCount, terminated, continuesPrevious);
    }

    /**
     * Makes this view show another event; nothing of the previous one remains visible. The line
     * table is the parser's (lines without their line ends, a leading BOM excluded), used as it is.
     */
    SseEvent reset(byte[] buffer, int offset, int length, int[] lines, int lineCount, boolean terminated,
                   boolean continuesPrevious) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.lines = lines;
        this.lineCount = lineCount;
        this.terminated = terminated;
        this.continuesPrevious = continuesPrevious;
        parsed = false;
        eventFrom = -1;
        eventTo = 0;
        idFrom = -1;
        idTo = 0;
        retry = -1;
        dataLines = 0;
        knownType = null;
        type = null;
        data = null;
        dataText = null;
        return this;
    }

    /** Number of raw bytes. */
    public int rawLength() {
        return length;
    }

    /** The raw bytes as a read-only view (valid only during the callback). */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(buffer, offset, length).slice().asReadOnlyBuffer();
    }

    /** A copy of the raw bytes. */
    public byte[] rawBytes() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** An equivalent event that owns a copy of its bytes, so it may be kept. */
    public SseEvent detach() {
        return new SseEvent(rawBytes(), 0, length, Arrays.copyOf(lines, 2 * lineCount), lineCount, terminated,
                continuesPrevious);
    }

    /**
     * False only for the bytes that remained after the last blank line when the stream ended: an
     * event a WHATWG client would discard (see {@link SseParser#finish}).
     */
    public boolean terminated() {
        return terminated;
    }

    /**
     * True for a lone LF that completes the CR-LF blank line of the previous event, when the CR
     * ended one chunk and the LF began the next. The parser hands the event out at the CR (no
     * waiting for the next chunk), so this byte belongs with whatever was done to that event.
     */
    public boolean continuesPrevious() {
        return continuesPrevious;
    }

    /** Whether the event had an {@code event:} field with a non-empty value. */
    public boolean hasEventField() {
        parse();
        return eventFrom >= 0 && eventTo > eventFrom;
    }

    /** The event type: the {@code event} field, or "message" when absent or empty. */
    public String type() {
        if (type == null) {
            KnownEventType known = knownType();
            type = known != KnownEventType.OTHER ? known.wireName()
                    : hasEventField() ? utf8(eventFrom, eventTo) : "message";
        }
        return type;
    }

    /** The {@code event:} field as a known type; OTHER when absent, empty or not one of them. */
    KnownEventType knownType() {
        if (knownType == null) {
            knownType = hasEventField() ? KnownEventType.of(buffer, eventFrom, eventTo) : KnownEventType.OTHER;
        }
        return knownType;
    }

    /** Whether the event had at least one {@code data} line. */
    public boolean hasData() {
        parse();
        return dataLines > 0;
    }

    /** The data lines joined with "\n" (empty when there were none); decoded on first call. */
    public String data() {
        if (data == null) {
            DataText text = dataText();
            data = new String(text.bytes(), text.from(), text.to() - text.from(), StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The {@code id} field, if present. */
    public Optional<String> id() {
        parse();
        return idFrom < 0 ? Optional.empty() : Optional.of(utf8(idFrom, idTo));
    }

    /** The {@code retry} field, if present and valid. */
    public OptionalLong retry() {
        parse();
        return retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry);
    }

    /** The data as bytes: a view of the raw bytes for one data line, a joined copy for several. */
    public DataText dataText() {
        if (dataText == null) {
            parse();
            dataText = dataLines == 1
                    ? new DataText(buffer, dataRanges[0], dataRanges[1])
                    : joinedData();
        }
        return dataText;
    }

    /** Maps a position in {@link #dataText()} to a position within the raw bytes (0 = first raw byte). */
    int rawIndexOfData(int dataPosition) {
        DataText text = dataText();
        if (dataLines == 1) {
            return dataPosition - offset;
        }
        int logical = dataPosition - text.from();
        for (int line = 0; line < dataLines; line++) {
            int lineLength = dataRanges[2 * line + 1] - dataRanges[2 * line];
            if (logical <= lineLength) {
                return dataRanges[2 * line] + logical - offset;
            }
            logical -= lineLength + 1;
        }
        throw new IndexOutOfBoundsException("position beyond data: " + dataPosition);
    }

    /** Keeps the raw bytes in {@code sink}. */
    void copyTo(KeptBytes sink) {
        sink.keep(buffer, offset, offset + length);
    }

    /** Keeps raw[from, to) in {@code sink}, positions relative to the first raw byte. */
    void copyTo(KeptBytes sink, int from, int to) {
        sink.keep(buffer, offset + from, offset + to);
    }

    private DataText joinedData() {
        int size = Math.max(0, dataLines - 1);
        for (int line = 0; line < dataLines; line++) {
            size += dataRanges[2 * line + 1] - dataRanges[2 * line];
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (int line = 0; line < dataLines; line++) {
            if (line > 0) {
                joined[at++] = '\n';
            }
            int from = dataRanges[2 * line];
            int lineLength = dataRanges[2 * line + 1] - from;
            System.arraycopy(buffer, from, joined, at, lineLength);
            at += lineLength;
        }
        return new DataText(joined, 0, size);
    }

    private void parse() {
        if (parsed) {
            return;
        }
        parsed = true;
        for (int line = 0; line < lineCount; line++) {
            field(offset + lines[2 * line], offset + lines[2 * line + 1]);
        }
    }

    private void field(int from, int to) {
        if (buffer[from] == ':') {
            return;
        }
        int colon = from;
        while (colon < to && buffer[colon] != ':') {
            colon++;
        }
        int valueFrom = Math.min(colon + 1, to);
        if (valueFrom < to && buffer[valueFrom] == ' ') {
            valueFrom++;
        }
        if (nameIs(from, colon, DATA)) {
            addDataLine(valueFrom, to);
        } else if (nameIs(from, colon, EVENT)) {
            eventFrom = valueFrom;
            eventTo = to;
        } else if (nameIs(from, colon, ID)) {
            if (!containsNul(valueFrom, to)) {
                idFrom = valueFrom;
                idTo = to;
            }
        } else if (nameIs(from, colon, RETRY)) {
            retry = digits(valueFrom, to);
        }
    }

    private void addDataLine(int from, int to) {
        if (2 * dataLines + 2 > dataRanges.length) {
            dataRanges = Arrays.copyOf(dataRanges, Math.max(2, dataRanges.length * 2));
        }
        dataRanges[2 * dataLines] = from;
        dataRanges[2 * dataLines + 1] = to;
        dataLines++;
    }

    private boolean nameIs(int from, int to, byte[] name) {
        return ByteSearch.regionEquals(buffer, from, to, name);
    }

    private boolean containsNul(int from, int to) {
        for (int p = from; p < to; p++) {
            if (buffer[p] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The value when it is 1..18 ASCII digits, else -1 (WHATWG ignores other retry values). */
    private long digits(int from, int to) {
        if (from == to || to - from > 18) {
            return retry;
        }
        long value = 0;
        for (int p = from; p < to; p++) {
            if (buffer[p] < '0' || buffer[p] > '9') {
                return retry;
            }
            value = value * 10 + (buffer[p] - '0');
        }
        return value;
    }

    private String utf8(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SseEvent[" + length + " bytes" + (terminated ? "" : ", unterminated")
                + (continuesPrevious ? ", continues previous" : "") + "]";
    }

    /**
     * Bytes [from, to) of {@code bytes}: an event's data, not decoded; a view valid only during the
     * callback, like the event (public for the translators of other wire formats, which parse it).
     */
    public record DataText(byte[] bytes, int from, int to) {
    }
}
