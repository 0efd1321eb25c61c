package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands of concurrent streams: the upstream holds each open (message_start, then a ping every
 * second) until told to finish. The same number is first opened directly (the time to open them is
 * the baseline), then through the proxy, whose memory and threads are measured with no stream and
 * with all of them open; then all are finished and each must end with {@code message_stop}. The
 * proxy's thread dump with all streams open is kept in the work directory as evidence.
 */
final class StreamsPhase {

    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration END_TIMEOUT = Duration.ofMinutes(1);

    private final LoadClient client;
    private final FastUpstream upstream;
    private final ProcessProbe probe;
    private final Path work;
    private final int window;

    StreamsPhase(LoadClient client, FastUpstream upstream, ProcessProbe probe, Path work, int window) {
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
        directSet.awaitOpen(OPEN_TIMEOUT);
        finish(directSet);
        problems.addAll(directSet.problems());

        ProcessFigures idle = probe.measure();
        StreamSet proxiedSet = StreamSet.open(client, proxied, count, window);
        proxiedSet.awaitOpen(OPEN_TIMEOUT);
        int held = upstream.held().open();
        ProcessFigures open = probe.measure();
        Files.writeString(work.resolve("proxy-threads-" + label + ".txt"), probe.threadDump());
        finish(proxiedSet);
        ProcessFigures after = probe.measure();
        problems.addAll(proxiedSet.problems());

        return new StreamsResult(label, count, proxied.body().length, directSet.openNanos(), proxiedSet.openNanos(),
                held, idle, open, after, directSet.good() + proxiedSet.good(),
                directSet.failed() + proxiedSet.failed(), List.copyOf(problems));
    }

    private void finish(StreamSet set) throws InterruptedException {
        upstream.held().finishAll();
        set.awaitEnded(END_TIMEOUT);
    }
}
