package io.github.modelrouter.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from {@code --name=value} arguments ({@code -Dload.args="--streams=2000"}
 * through Maven). Every setting has a default that keeps a full run within about five minutes on
 * two cores.
 *
 * @param war the built WAR
 * @param report where the report is written (besides standard output)
 * @param work directory for the proxy's log, port file, exploded WAR and thread dumps
 * @param proxyHeap heap options of the proxy JVM; by default a 512 MiB heap committed and touched at
 *     start, so the heap's share of RSS is constant and RSS changes are memory outside the heap
 * @param bodyBytes approximate size of the Claude Code request body
 * @param deltas text deltas in a streamed answer
 * @param warmup non-streamed warm-up requests per target (half as many streamed)
 * @param latencyRequests measured non-streamed requests per target
 * @param streamedRequests measured streamed requests per target
 * @param shortRequests measured short (under 1 KB) non-streamed requests per target, the proxy's fixed cost
 * @param concurrency in-flight requests of the latency phase
 * @param rounds alternating direct/proxied rounds the measured requests are split into
 * @param throughputConcurrency in-flight requests of the throughput phase
 * @param throughputSeconds seconds per target per throughput round (two rounds)
 * @param streams counts of concurrent streams the proxy must hold, in order
 * @param realisticStreams streams held with full-size request bodies (0 to skip)
 * @param tryStreams counts of concurrent streams tried last: not holding them is reported as a limit, not a failure
 * @param streamWindow streams at most waiting for their first event while opening
 * @param heapDump whether to write the proxy's heap dump (hprof) with all streams open, for diagnosis
 * @param upstreamHttp2 whether the routes speak HTTP/2 (h2c) to the fast upstream
 *     ({@code router.route.<r>.http2=true}); the direct client stays on HTTP/1.1
 */
record Options(Path war, Path report, Path work, List<String> proxyHeap, int bodyBytes, int deltas, int warmup,
               int latencyRequests, int streamedRequests, int shortRequests, int concurrency, int rounds,
               int throughputConcurrency, int throughputSeconds, List<Integer> streams, int realisticStreams,
               List<Integer> tryStreams, int streamWindow, boolean heapDump, boolean upstreamHttp2) {

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Options options = new Options(
                Path.of(take(given, "war", "target/model-router.war")),
                Path.of(take(given, "report", "target/load-report.txt")),
                Path.of(take(given, "work", "target/load")),
                List.of(take(given, "proxy-heap", "-Xms512m -Xmx512m -XX:+AlwaysPreTouch").split(" ")),
                number(given, "body-bytes", 100_000),
                number(given, "deltas", 50),
                number(given, "warmup", 1500),
                number(given, "requests", 2000),
                number(given, "streamed-requests", 1000),
                number(given, "short-requests", 1000),
                number(given, "concurrency", 8),
                number(given, "rounds", 4),
                number(given, "throughput-concurrency", 64),
                number(given, "throughput-seconds", 5),
                numbers(take(given, "streams", "2000")),
                number(given, "realistic-streams", 300),
                numbers(take(given, "try-streams", "5000")),
                number(given, "stream-window", 256),
                Boolean.parseBoolean(take(given, "heap-dump", "false")),
                Boolean.parseBoolean(take(given, "upstream-http2", "false")));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        return options;
    }

    private static String take(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int number(Map<String, String> given, String name, int fallback) {
        return Integer.parseInt(take(given, name, Integer.toString(fallback)).replace("_", ""));
    }

    private static List<Integer> numbers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String value : list.split(",")) {
            if (!value.isBlank() && Integer.parseInt(value.trim()) > 0) {
                values.add(Integer.parseInt(value.trim()));
            }
        }
        return List.copyOf(values);
    }
}
