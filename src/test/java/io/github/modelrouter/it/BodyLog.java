package io.github.modelrouter.it;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * What one side of an exchange has seen of an answer body so far: its length, and its first
 * {@code keep} bytes (none when {@code keep} is 0). Both the {@link FaultyUpstream} (what it wrote)
 * and the {@link FaultClient} (what arrived) keep one, so a soak failure can say where the two
 * first differ. Thread-safe: the upstream's connection thread writes, the test reads.
 */
final class BodyLog {

    private final int keep;
    private final ByteArrayOutputStream first = new ByteArrayOutputStream();
    private long length;

    BodyLog(int keep) {
        this.keep = keep;
    }

    synchronized void add(byte[] bytes, int offset, int count) {
        int kept = (int) Math.min(count, Math.max(0, keep - first.size()));
        if (kept > 0) {
            first.write(bytes, offset, kept);
        }
        length += count;
    }

    synchronized long length() {
        return length;
    }

    synchronized byte[] first() {
        return first.toByteArray();
    }

    /**
     * Where {@code other} first differs from this, as far as both kept bytes: an offset, or -1 when
     * they agree on all kept bytes and on the length. When the kept bytes agree but the lengths
     * differ, the shorter length if it lies within the kept bytes (one is a prefix of the other),
     * else -1 with the difference somewhere past them.
     */
    static long firstDifference(byte[] a, long aLength, byte[] b, long bLength) {
        int common = Math.min(a.length, b.length);
        int mismatch = Arrays.mismatch(Arrays.copyOf(a, common), Arrays.copyOf(b, common));
        if (mismatch >= 0) {
            return mismatch;
        }
        long shorter = Math.min(aLength, bLength);
        return aLength != bLength && shorter <= common ? shorter : -1;
    }
}
