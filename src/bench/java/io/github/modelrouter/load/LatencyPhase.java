package io.github.modelrouter.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Direct against proxied at a fixed concurrency, by request count (latency) or by time
 * (throughput). The measured requests are split into rounds that alternate which target goes
 * first, so drift in a noisy machine's background load falls on both sides alike. The proxy's CPU
 * time is taken around each proxied run, so its CPU per request does not depend on that noise.
 */
final class LatencyPhase {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final boolean[] BOTH = {false, true};
    private static final boolean[] BOTH_REVERSED = {true, false};

    /** A run that may be interrupted while it waits. */
    private interface Run {
        void run() throws InterruptedException;
    }

    private final LoadClient client;
    private final ProcessProbe proxy;

    LatencyPhase(LoadClient client, ProcessProbe proxy) {
        this.client = client;
        this.proxy = proxy;
    }

    /** {@code total} requests per target at {@code concurrency}, in {@code rounds} alternating rounds. */
    Comparison byCount(Workload direct, Workload proxied, int concurrency, int total, int rounds)
            throws InterruptedException {
        Comparison result = Comparison.empty();
        for (int round = 0; round < rounds; round++) {
            int count = total / rounds + (round < total % rounds ? 1 : 0);
            boolean directFirst = round % 2 == 0;
            for (boolean viaProxy : directFirst ? BOTH : BOTH_REVERSED) {
                Samples into = viaProxy ? result.proxied() : result.direct();
                measured(into, viaProxy, () -> ClosedLoop.runCount(client, viaProxy ? proxied : direct, concurrency,
                        count, into, TIMEOUT));
            }
        }
        return result;
    }

    /** Requests per target at {@code concurrency} for {@code seconds} each, in {@code rounds} alternating rounds. */
    Comparison byTime(Workload direct, Workload proxied, int concurrency, int seconds, int rounds)
            throws InterruptedException {
        Comparison result = Comparison.empty();
        Duration duration = Duration.ofSeconds(seconds);
        for (int round = 0; round < rounds; round++) {
            boolean directFirst = round % 2 == 0;
            for (boolean viaProxy : directFirst ? BOTH : BOTH_REVERSED) {
                Samples into = viaProxy ? result.proxied() : result.direct();
                measured(into, viaProxy, () -> ClosedLoop.runFor(client, viaProxy ? proxied : direct, concurrency,
                        duration, into, TIMEOUT));
            }
        }
        return result;
    }

    private void measured(Samples into, boolean viaProxy, Run run) throws InterruptedException {
        long cpuBefore = viaProxy ? cpuMillis() : 0;
        run.run();
        if (viaProxy) {
            into.addCpuMillis(cpuMillis() - cpuBefore);
        }
    }

    private long cpuMillis() {
        try {
            return proxy.cpuMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
