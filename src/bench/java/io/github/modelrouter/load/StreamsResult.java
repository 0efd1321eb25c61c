package io.github.modelrouter.load;

import java.util.List;

/**
 * One held-streams measurement: {@code count} streams opened directly, then through the proxy,
 * with the proxy's figures before (no streams), while all were open, and after they ended.
 *
 * @param upstreamHeld streams the upstream held while the proxied ones were all open (should equal count)
 * @param good streams, direct and proxied, that ended with {@code message_stop}
 * @param failures streams, direct and proxied, that did not
 */
record StreamsResult(String label, int count, int bodyBytes, long directOpenNanos, long proxiedOpenNanos,
                     int upstreamHeld, ProcessFigures idle, ProcessFigures open, ProcessFigures after, int good,
                     int failures, List<String> problems) {

    /** Resident memory added per open stream, in KiB. */
    double rssPerStreamKiB() {
        return (open.rssKiB() - idle.rssKiB()) / (double) count;
    }

    /** Live heap (after a full GC) added per open stream, in KiB. */
    double heapPerStreamKiB() {
        return (open.heapUsedKiB() - idle.heapUsedKiB()) / (double) count;
    }
}
