package io.github.modelrouter.web;

/**
 * How the request body's buffer grows: in proportion to the bytes received, never to a declared
 * {@code Content-Length} alone (SPEC "An open port is a target"). It doubles; once an eighth of
 * the declared length has arrived it takes exactly the declared length, so a body ends in a buffer
 * of its own length (no trimming copy), while what is held stays within eight times what was
 * received. An eighth rather than a quarter: a 300 KB Claude Code body then grows once from the
 * first buffer instead of twice. The first buffer is at most 64 KiB, and for a longer declared
 * body an eighth of its length, so that it is full exactly when the declared length may be taken:
 * a 300 KB body allocates 338 KB and copies 38 KB (364 KB and 64 KB with a 64 KiB first buffer,
 * 492 KB and 192 KB when a quarter had to arrive first). Never past the cap plus one byte (which
 * says "over the cap"). Pure functions.
 */
final class BodyBufferGrowth {

    private BodyBufferGrowth() {
    }

    /** The first buffer's size at most, whatever the client declares: memory follows what arrives. */
    static final int FIRST_BUFFER_BYTES = 64 * 1024;
    /** The first buffer of a body of unknown length (chunked). */
    static final int UNKNOWN_LENGTH_FIRST_BYTES = 16 * 1024;

    /**
     * The first buffer's capacity.
     *
     * @param declared the declared {@code Content-Length}, or -1
     * @param limit {@code router.max-body-bytes}
     */
    static int first(long declared, long limit) {
        if (declared <= 0) {
            return (int) Math.min(UNKNOWN_LENGTH_FIRST_BYTES, limit + 1);
        }
        // a declared length that fits sizes the buffer exactly: no trimming copy at the end
        long first = declared <= FIRST_BUFFER_BYTES ? declared
                : Math.min(FIRST_BUFFER_BYTES, Math.max(UNKNOWN_LENGTH_FIRST_BYTES, (declared + 7) / 8));
        return (int) Math.min(first, limit + 1);
    }

    /**
     * The next capacity of a full buffer.
     *
     * @param capacity the buffer's length now, equal to {@code received}
     * @param received bytes received so far
     * @param declared the declared {@code Content-Length}, or -1
     * @param limit {@code router.max-body-bytes}
     */
    static int next(int capacity, int received, long declared, long limit) {
        long doubled = (long) capacity * 2;
        long next = declared > received && declared <= 8L * received ? declared : doubled;
        if (declared > received) {
            next = Math.min(next, declared);
        }
        return (int) Math.min(Math.max(next, received + 1L), limit + 1);
    }
}
