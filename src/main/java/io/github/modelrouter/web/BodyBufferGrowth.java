package io.github.modelrouter.web;

/**
 * How the request body's buffer grows: in proportion to the bytes received, never to a declared
 * {@code Content-Length} alone (SPEC "An open port is a target"). It doubles; once an eighth of
 * the declared length has arrived it takes exactly the declared length, so a body ends in a buffer
 * of its own length (no trimming copy), while what is held stays within eight times what was
 * received. An eighth rather than a quarter: a 300 KB Claude Code body then grows once from the
 * first 64 KiB buffer instead of twice (364 KB allocated and 64 KB copied, not 492 KB and 192 KB). Never past the cap plus one byte (which says "over the
 * cap"). A pure function.
 */
final class BodyBufferGrowth {

    private BodyBufferGrowth() {
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
