package io.github.modelrouter.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.util.Jetty;

/**
 * Load benchmark of the whole proxy, run by {@code mvn -Pload verify} (src/site/BENCHMARKS-LOAD.md).
 * It starts a fast Anthropic-speaking upstream and a load client in this JVM and the built WAR in
 * a JVM of its own, then measures in one run, each figure directly (client → upstream) and through
 * the proxy: (A) latency of realistic Claude Code requests at moderate concurrency, non-streamed
 * and streamed (time to first event); (B) throughput at higher concurrency; (C) thousands of
 * concurrent held streams, with the proxy's memory and threads against its idle figures. The
 * report goes to standard output and to {@code target/load-report.txt}; the exit status is 1 when
 * anything failed (an error, a stall, a stream without {@code message_stop}).
 */
public final class LoadBenchmark {

    private final Options options;
    private final Report report = new Report();
    private final long startNanos = System.nanoTime();

    private LoadBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadBenchmark benchmark = new LoadBenchmark(Options.parse(args));
        int status = benchmark.run();
        System.out.println();
        System.out.print(benchmark.report.text());
        benchmark.report.write(benchmark.options.report());
        System.out.println("(written to " + benchmark.options.report() + ")");
        System.exit(status);
    }

    private int run() throws Exception {
        double loadBefore = MachineContext.loadAverage();
        AnthropicWire wire = new AnthropicWire(options.deltas());
        int maxStreams = Stream.of(options.streams(), options.tryStreams(), List.of(options.realisticStreams()))
                .flatMap(List::stream).mapToInt(Integer::intValue).max().orElse(0);
        try (FastUpstream upstream = FastUpstream.start(wire);
             LoadClient client = LoadClient.start(maxStreams + 1000)) {
            progress("upstream on port " + upstream.port() + "; starting the proxy JVM");
            long proxyStart = System.nanoTime();
            try (ProxyProcess proxy = ProxyProcess.start(options.war(), options.work(), options.proxyHeap(),
                    proxyProperties(upstream, options.upstreamHttp2()), Duration.ofMinutes(2))) {
                header(wire, proxy, (System.nanoTime() - proxyStart) / 1e9, loadBefore);
                ProcessProbe probe = new ProcessProbe(proxy.pid(), Duration.ofMinutes(1));
                // loaded now: a stall can come with this JVM short of descriptors, when loading a
                // class from disk fails (seen as NoClassDefFoundError after 5,000 streams)
                ProxyLog.outOfMemorySummary(proxy.log());
                try {
                    phases(client, upstream, proxy, probe);
                } catch (StallException e) {
                    report.problem(e.getMessage() + "; " + ProxyLog.outOfMemorySummary(proxy.log()));
                    saveThreadDump(probe, "proxy-threads-stall.txt");
                    report.line("  proxy log: %s", proxy.log());
                }
                if (!proxy.alive()) {
                    report.problem("the proxy JVM died; its log ends with:\n" + proxy.logTail(30));
                }
            }
        }
        report.line("");
        report.line("machine load average %.2f at start, %.2f at end; %.0f s in all", loadBefore,
                MachineContext.loadAverage(), (System.nanoTime() - startNanos) / 1e9);
        return report.problems() == 0 ? 0 : 1;
    }

    private void phases(LoadClient client, FastUpstream upstream, ProxyProcess proxy, ProcessProbe probe)
            throws Exception {
        URI direct = upstream.messages(UpstreamHandler.FAST);
        URI proxied = proxy.messagesUri();
        byte[] jsonBody = RequestBodies.claudeCode(options.bodyBytes(), RequestBodies.FAST_MODEL, false);
        byte[] sseBody = RequestBodies.claudeCode(options.bodyBytes(), RequestBodies.FAST_MODEL, true);
        Workload jsonDirect = new Workload("direct JSON", direct, jsonBody, false);
        Workload jsonProxied = new Workload("proxied JSON", proxied, jsonBody, false);
        LatencyPhase latency = new LatencyPhase(client, probe);

        Comparison sanity = latency.byCount(jsonDirect, jsonProxied, 1, 1, 1);
        if (sanity.failures() > 0) {
            report.problem("the first requests failed: " + sanity.direct().problems() + sanity.proxied().problems()
                    + "\nproxy log:\n" + proxy.logTail(20));
            return;
        }
        latency(latency, jsonDirect, jsonProxied, new Workload("direct SSE", direct, sseBody, true),
                new Workload("proxied SSE", proxied, sseBody, true));
        if (options.throughputSeconds() > 0) {
            throughput(latency, jsonDirect, jsonProxied);
        }
        streams(client, upstream, proxy, probe);
    }

    /** A and A': warm-up, then latency at moderate concurrency, non-streamed and streamed. */
    private void latency(LatencyPhase latency, Workload jsonDirect, Workload jsonProxied, Workload sseDirect,
                         Workload sseProxied) throws InterruptedException {
        int c = options.concurrency();
        progress("warm-up (" + options.warmup() + " JSON, " + options.warmup() / 2 + " SSE per target)");
        warmUp(latency.byCount(jsonDirect, jsonProxied, c, options.warmup(), 1));
        warmUp(latency.byCount(sseDirect, sseProxied, c, options.warmup() / 2, 1));

        progress("A. latency, " + options.latencyRequests() + " JSON requests per target at concurrency " + c);
        report.latency(String.format("A. non-streamed Claude Code request (%,d B), concurrency %d, %d requests per "
                        + "target in %d alternating rounds, after %d warm-up", jsonDirect.body().length, c,
                options.latencyRequests(), options.rounds(), options.warmup()),
                latency.byCount(jsonDirect, jsonProxied, c, options.latencyRequests(), options.rounds()), false);
        if (options.shortRequests() > 0) {
            byte[] shortBody = RequestBodies.shortConversation(RequestBodies.FAST_MODEL, false);
            progress("A\". short requests, " + options.shortRequests() + " per target");
            report.latency(String.format("A\". control: a short request (%,d B), concurrency %d, %d per target",
                    shortBody.length, c, options.shortRequests()), latency.byCount(
                    new Workload("direct short", jsonDirect.uri(), shortBody, false),
                    new Workload("proxied short", jsonProxied.uri(), shortBody, false), c, options.shortRequests(),
                    options.rounds()), false);
        }
        progress("A'. streamed, " + options.streamedRequests() + " per target");
        report.latency(String.format("A'. the same request streamed (message_start, %d text deltas, message_stop), "
                        + "concurrency %d, %d per target", options.deltas(), c, options.streamedRequests()),
                latency.byCount(sseDirect, sseProxied, c, options.streamedRequests(), options.rounds()), true);
    }

    /** B: requests per second at higher concurrency, after a short warm-up at that concurrency. */
    private void throughput(LatencyPhase latency, Workload jsonDirect, Workload jsonProxied)
            throws InterruptedException {
        int tc = options.throughputConcurrency();
        progress("B. throughput at concurrency " + tc);
        warmUp(latency.byTime(jsonDirect, jsonProxied, tc, 2, 1));
        report.throughput(String.format("B. throughput, non-streamed, concurrency %d, 2 x %d s per target", tc,
                options.throughputSeconds()), latency.byTime(jsonDirect, jsonProxied, tc, options.throughputSeconds(), 2));
    }

    private void streams(LoadClient client, FastUpstream upstream, ProxyProcess proxy, ProcessProbe probe)
            throws Exception {
        StreamsPhase phase = new StreamsPhase(client, upstream, probe, options.work(), options.streamWindow(),
                options.heapDump());
        URI direct = upstream.messages(UpstreamHandler.HOLD);
        byte[] shortBody = RequestBodies.shortConversation(RequestBodies.HOLD_MODEL, true);
        if (options.realisticStreams() <= 0 && options.streams().isEmpty() && options.tryStreams().isEmpty()) {
            return;
        }
        report.streamsHeader("C. concurrent streams, held open by the upstream (message_start, then a ping every "
                + "second) until told to finish; proxy JVM " + String.join(" ", proxy.jvmOptions())
                + "; memory after a full GC");
        if (options.realisticStreams() > 0) {
            int count = options.realisticStreams();
            byte[] body = RequestBodies.claudeCode(options.bodyBytes(), RequestBodies.HOLD_MODEL, true);
            progress("C. " + count + " concurrent streams with full-size bodies");
            streamsRow(phase.run(count + "-full", holding("direct", direct, body), holding("proxied",
                    proxy.messagesUri(), body), count));
        }
        for (int count : options.streams()) {
            progress("C. " + count + " concurrent streams");
            streamsRow(phase.run(Integer.toString(count), holding("direct", direct, shortBody),
                    holding("proxied", proxy.messagesUri(), shortBody), count));
        }
        for (int count : options.tryStreams()) {
            progress("C. trying " + count + " concurrent streams");
            try {
                streamsRow(phase.run(Integer.toString(count), holding("direct", direct, shortBody),
                        holding("proxied", proxy.messagesUri(), shortBody), count));
            } catch (StallException e) {
                report.line("  %,d streams (tried)", count);
                report.limit(e.getMessage() + "; " + ProxyLog.outOfMemorySummary(proxy.log()));
                saveThreadDump(probe, "proxy-threads-" + count + "-limit.txt");
                return; // the proxy may be unusable now
            }
        }
    }

    private void streamsRow(StreamsResult result) {
        report.streams(result, HeapCapacity.describe(proxyHeapBytes(), result));
    }

    private long proxyHeapBytes() {
        return HeapCapacity.maxHeapBytes(options.proxyHeap());
    }

    private static Workload holding(String target, URI uri, byte[] body) {
        return new Workload(target + " streams", uri, body, true);
    }

    /** Best effort: a JVM out of memory may not answer jcmd. */
    private void saveThreadDump(ProcessProbe probe, String name) {
        Path file = options.work().resolve(name);
        try {
            Files.writeString(file, probe.threadDump());
            report.line("  proxy thread dump: %s", file);
        } catch (Exception e) {
            report.line("  no proxy thread dump (%s)", e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void warmUp(Comparison warmUp) {
        if (warmUp.failures() > 0) {
            report.problem("warm-up: " + warmUp.failures() + " requests failed, e.g. " + warmUp.direct().problems()
                    + warmUp.proxied().problems());
        }
    }

    private void header(AnthropicWire wire, ProxyProcess proxy, double proxyStartSeconds, double load) {
        report.line("Model Router load benchmark (mvn -Pload verify)");
        report.line("machine: %s; load average %.2f at start", MachineContext.describe(), load);
        report.line("proxy: %s in embedded Jetty %s ee10, own JVM %s, pid %d, started in %.1f s; log %s",
                options.war(), Jetty.VERSION, String.join(" ", proxy.jvmOptions()), proxy.pid(), proxyStartSeconds,
                proxy.log());
        report.line("upstream and client: this JVM; Jetty %s core handler (non-blocking) and Jetty HttpClient",
                Jetty.VERSION);
        report.line("answers: JSON %,d B (thinking + text); SSE message_start + %d text deltas, %,d B",
                wire.json().remaining(), options.deltas(), wire.streamHead().remaining() + wire.streamRest().remaining());
        report.line("routes: opus (placeholder thinking, cache_control stripped, thinking dropped from answers) "
                + "and sonnet -> fast upstream; haiku -> holding upstream; proxy to upstream over "
                + (options.upstreamHttp2() ? "HTTP/2 (h2c, http2=true)" : "HTTP/1.1"));
    }

    private static Map<String, String> proxyProperties(FastUpstream upstream, boolean http2) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String route : List.of("opus", "sonnet", "haiku")) {
            String mode = route.equals("haiku") ? UpstreamHandler.HOLD : UpstreamHandler.FAST;
            properties.put("router.route." + route + ".upstream", upstream.base(mode).toString());
            properties.put("router.route." + route + ".api-key", "bench-" + route);
            properties.put("router.route." + route + ".http2", Boolean.toString(http2));
        }
        properties.put("router.max-concurrent", "10000");
        return properties;
    }

    private void progress(String message) {
        System.out.printf("[load %5.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
    }
}
