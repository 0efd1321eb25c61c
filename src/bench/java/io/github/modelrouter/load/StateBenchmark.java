package io.github.modelrouter.load;

import io.github.modelrouter.it.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests per second with {@code router.state=memory} against {@code router.state=redis://…},
 * measured in the same run on the same machine: the WAR in its own JVM (as {@link LoadBenchmark}
 * runs it), a fast local upstream, and a real Redis server started here ({@link RedisServer}). Every
 * request comes from a named client with limits, so each one is admitted through the state
 * (one Lua script in Redis) and charged after its answer (INCRBY): the worst case for Redis.
 *
 * <pre>
 * mvn -Pload verify -Dload.main=io.github.modelrouter.load.StateBenchmark -Dload.args="--seconds=10 --concurrency=16"
 * </pre>
 *
 * Each state gets a warm-up of {@code --warmup} seconds, then {@code --seconds} of closed-loop
 * non-streamed requests at {@code --concurrency}, in {@code --rounds} alternating rounds; the
 * report goes to {@code state-report.txt} beside {@code --report}.
 */
public final class StateBenchmark {

    private StateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path war = Path.of(given.get("war"));
        Path work = Path.of(given.getOrDefault("work", "target/load")).resolve("state");
        Path reportFile = Path.of(given.getOrDefault("report", "target/load-report.txt")).resolveSibling("state-report.txt");
        int seconds = Integer.parseInt(given.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(given.getOrDefault("warmup", "3"));
        int concurrency = Integer.parseInt(given.getOrDefault("concurrency", "16"));
        int rounds = Integer.parseInt(given.getOrDefault("rounds", "2"));
        StringBuilder report = new StringBuilder();
        try (RedisServer redis = RedisServer.start();
             FastUpstream upstream = FastUpstream.start(new AnthropicWire(8));
             LoadClient client = LoadClient.start(concurrency + 100)) {
            // alternating rounds, so a change in the machine's load mid-run weighs on both sides alike
            double memory = 0;
            double shared = 0;
            for (int round = 0; round < rounds; round++) {
                memory += measure("memory", war, work, upstream, client, warmup, seconds, concurrency, report);
                shared += measure(redis.url(), war, work, upstream, client, warmup, seconds, concurrency, report);
            }
            line(report, "redis / memory: %.3f (mean requests per second over %d alternating rounds, concurrency %d,"
                    + " %d s each; machine load average %.1f)", shared / memory, rounds, concurrency, seconds,
                    MachineContext.loadAverage());
        }
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report);
        System.out.println("report: " + reportFile.toAbsolutePath());
    }

    private static double measure(String state, Path war, Path work, FastUpstream upstream, LoadClient client,
                                  int warmup, int seconds, int concurrency, StringBuilder report) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String route : List.of("opus", "sonnet", "haiku")) {
            properties.put("router.route." + route + ".upstream", upstream.base(UpstreamHandler.FAST).toString());
            properties.put("router.route." + route + ".api-key", "bench-" + route);
        }
        properties.put("router.max-concurrent", "10000");
        properties.put("router.state", state);
        // the load client's token: one named client whose limits are never reached, but always checked
        properties.put("router.clients", "bench");
        properties.put("router.client.bench.token", "sk-bench-client");
        properties.put("router.client.bench.requests-per-minute", "1000000000");
        properties.put("router.client.bench.tokens-per-day", "1000000000000");
        properties.put("router.client.bench.usd-per-day", "1000000");
        String name = state.startsWith("redis") ? "redis" : "memory";
        try (ProxyProcess proxy = ProxyProcess.start(war, work.resolve(name), List.of("-Xmx512m"), properties,
                Duration.ofMinutes(2))) {
            byte[] body = RequestBodies.claudeCode(20_000, RequestBodies.FAST_MODEL, false);
            Workload workload = new Workload(name, proxy.messagesUri(), body, false);
            ClosedLoop.runFor(client, workload, concurrency, Duration.ofSeconds(warmup), new Samples(), Duration.ofMinutes(1));
            Samples samples = new Samples();
            ClosedLoop.runFor(client, workload, concurrency, Duration.ofSeconds(seconds), samples, Duration.ofMinutes(1));
            line(report, "router.state=%-28s %9.0f requests/s, %d good, %d failed %s", state, samples.perSecond(),
                    samples.good(), samples.failures(), samples.failures() > 0 ? samples.problems() : "");
            if (samples.failures() > 0) {
                line(report, "proxy log tail:%n%s", proxy.logTail(20));
            }
            return samples.perSecond();
        }
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }
}
