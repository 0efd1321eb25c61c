package io.github.modelrouter.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The samples of one measurement (several runs may add to it), with the wall time they spanned.
 * Thread-safe; only good samples count in the distributions, failures are counted and the first
 * few kept for the report.
 */
final class Samples {

    private static final int PROBLEMS_KEPT = 5;

    private long[] totals = new long[1024];
    private long[] firstEvents = new long[1024];
    private int size;
    private int firstEventCount;
    private int failures;
    private final List<String> problems = new ArrayList<>();
    private long wallNanos;
    private long cpuMillis;

    synchronized void add(Sample sample) {
        if (!sample.ok()) {
            failures++;
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(sample.problem());
            }
            return;
        }
        if (size == totals.length) {
            totals = Arrays.copyOf(totals, size * 2);
            firstEvents = Arrays.copyOf(firstEvents, size * 2);
        }
        totals[size++] = sample.totalNanos();
        if (sample.firstEventNanos() >= 0) {
            firstEvents[firstEventCount++] = sample.firstEventNanos();
        }
    }

    /** Adds the wall time of one run (from its first send to its last answer). */
    synchronized void addWallNanos(long nanos) {
        wallNanos += nanos;
    }

    /** Adds CPU time a process spent on these samples. */
    synchronized void addCpuMillis(long millis) {
        cpuMillis += millis;
    }

    /** CPU milliseconds per good sample, of the process whose CPU was added. */
    synchronized double cpuMillisPerSample() {
        return size == 0 ? Double.NaN : cpuMillis / (double) size;
    }

    synchronized Distribution totals() {
        return Distribution.ofNanos(totals, size);
    }

    synchronized Distribution firstEvents() {
        return Distribution.ofNanos(firstEvents, firstEventCount);
    }

    synchronized int good() {
        return size;
    }

    synchronized int failures() {
        return failures;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Good answers per second of wall time. */
    synchronized double perSecond() {
        return wallNanos == 0 ? Double.NaN : size / (wallNanos / 1e9);
    }
}
