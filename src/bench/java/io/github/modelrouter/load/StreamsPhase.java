package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Thousands of concurrent streams: the upstream holds each open (message_start, then a ping every
 * second) until told to finish. The same number is first opened directly (the time to open them is
 * the baseline), then through the proxy, whose memory and threads are measured with no stream and
 * with all of them open; then all are finished and each must end with {@code message_stop}. The
 * proxy's thread dump and heap histogram with all streams open are kept in the work directory.
 */
final class StreamsPhase {

    /** A phase gives up when no stream opened (or ended) for this long. */
    private static final Duration QUIET = Duration.ofSeconds(20);
    private static final Duration CAP = Duration.ofMinutes(3);

    private final LoadClient client;
    private final FastUpstream upstream;
    private final ProcessProbe probe;
    private final Path work;
    private final int window;
    private final boolean heapDump;

    StreamsPhase(LoadClient client, FastUpstream upstream, ProcessProbe probe, Path work, int window, boolean heapDump) {
        this.heapDump = heapDump;
        this.client = client;
        this.upstream = upstream;
        this.probe = probe;
        this.work = work;
        this.window = window;
    }

    StreamsResult run(String label, Workload direct, Workload proxied, int count)
            throws InterruptedException, IOException {
        List<String> problems = new ArrayList<>();
        StreamSet directSet = StreamSet.open(client, direct, count, window);
        directSet.awaitOpen(QUIET, CAP);
        finish(directSet);
        problems.addAll(directSet.problems());

        ProcessFigures idle = probe.measure();
        StreamSet proxiedSet = StreamSet.open(client, proxied, count, window);
        try {
            proxiedSet.awaitOpen(QUIET, CAP);
        } catch (StallException e) {
            throw new StallException(String.format(Locale.ROOT, "%s; the proxy's heap held %.1f MiB after GC before they "
                    + "were opened", e.getMessage(), idle.heapUsedKiB() / 1024.0));
        }
        int held = upstream.held().open();
        ProcessFigures open = probe.measure();
        Files.writeString(work.resolve("proxy-threads-" + label + ".txt"), probe.threadDump());
        Files.writeString(work.resolve("proxy-histogram-" + label + ".txt"), probe.classHistogram(40));
        if (heapDump) {
            probe.heapDump(work.resolve("proxy-heap-" + label + ".hprof"));
        }
        finish(proxiedSet);
        ProcessFigures after = probe.measure();
        problems.addAll(proxiedSet.problems());

        return new StreamsResult(label, count, proxied.body().length, directSet.openNanos(), proxiedSet.openNanos(),
                held, idle, open, after, directSet.good() + proxiedSet.good(),
                directSet.failed() + proxiedSet.failed(), List.copyOf(problems));
    }

    private void finish(StreamSet set) throws InterruptedException {
        upstream.held().finishAll();
        set.awaitEnded(QUIET, CAP);
    }
}
