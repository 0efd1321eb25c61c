package io.github.modelrouter.it;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.function.BooleanSupplier;

/**
 * What a leak would grow, measured in the test JVM, which also runs the embedded container and the
 * deployment (Arquillian embedded is in-process): live threads, open file descriptors
 * ({@code /proc/self/fd}) and heap in use after {@link System#gc()}; and, from the router's
 * {@code /metrics} and {@code /health}, permits in flight and pooled upstream connections.
 *
 * <p>Tolerances, against a baseline taken after a warm-up: threads +{@value #THREAD_SLACK} (container
 * pools start threads on demand and retire them only after a minute idle); descriptors
 * +{@value #FD_SLACK} plus two per idle pooled connection (its two ends, router and fake, are both
 * in this JVM); heap +{@value #HEAP_SLACK_MB} MB (class loading and JIT data of the first cases;
 * one leaked 50 MB answer would be well over).
 */
final class LeakProbe {

    static final int THREAD_SLACK = 8;
    static final int FD_SLACK = 8;
    static final int HEAP_SLACK_MB = 48;

    /** One measurement. */
    record Snapshot(int threads, int fds, long heapBytes) {
        @Override
        public String toString() {
            return threads + " threads, " + fds + " fds, " + heapBytes / (1 << 20) + " MB heap";
        }
    }

    private LeakProbe() {
    }

    static Snapshot take() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Snapshot(ManagementFactory.getThreadMXBean().getThreadCount(), fds(), heap);
    }

    static int fds() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? -1 : entries.length;
    }

    /** A pool gauge from {@code /metrics}: {@code router_upstream_connections{state="..."}}. */
    static int pooled(URL base, String state) {
        String series = "router_upstream_connections{state=\"" + state + "\"} ";
        for (String line : Http.get(base, "/metrics").body().split("\n")) {
            if (line.startsWith(series)) {
                return (int) Double.parseDouble(line.substring(series.length()).trim());
            }
        }
        throw new AssertionError("no " + series + "in /metrics");
    }

    static boolean nothingInFlight(URL base) {
        return Http.get(base, "/health").body().contains("\"in_flight\":0,\"max_concurrent\"");
    }

    /** Polls {@code condition} every 20 ms; the milliseconds it took, or -1 past {@code millis}. */
    static long await(long millis, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Asserts that nothing leaked against {@code baseline}: no permit in flight, no leased upstream
     * connection, the fake's open connections exactly the pool's idle ones, threads, descriptors
     * and heap within tolerance. Polls up to 10 s; returns the final measurement.
     */
    static Snapshot assertNoLeak(URL base, FaultyUpstream upstream, Snapshot baseline) throws InterruptedException {
        check(await(10_000, () -> nothingInFlight(base)) >= 0, "a permit is still held");
        check(await(10_000, () -> pooled(base, "leased") == 0
                && upstream.openConnections() == pooled(base, "idle")) >= 0,
                "upstream connections: leased " + pooled(base, "leased") + ", idle " + pooled(base, "idle")
                        + ", open at the upstream " + upstream.openConnections());
        Snapshot[] last = new Snapshot[1];
        boolean settled = await(10_000, () -> {
            last[0] = take();
            int idle = pooled(base, "idle");
            return last[0].threads() <= baseline.threads() + THREAD_SLACK
                    && last[0].fds() <= baseline.fds() + FD_SLACK + 2 * idle
                    && last[0].heapBytes() <= baseline.heapBytes() + ((long) HEAP_SLACK_MB << 20);
        }) >= 0;
        check(settled, "not back to the baseline (" + baseline + "): " + last[0]);
        return last[0];
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
