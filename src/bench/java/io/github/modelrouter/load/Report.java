package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compact text report: each figure as an absolute value and as a ratio to its baseline from
 * the same run (direct connection, or the proxy with no streams), plus problems found.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final List<String> headlines = new java.util.ArrayList<>();
    private int problems;

    void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    void problem(String message) {
        problems++;
        headlines.add("PROBLEM: " + message.lines().findFirst().orElse(""));
        line("PROBLEM: %s", message);
    }

    int problems() {
        return problems;
    }

    void latency(String title, Comparison result, boolean firstEvent) {
        line("");
        line("%s", title);
        line("  %-22s %10s %10s %10s %8s", "", "direct", "proxied", "added", "ratio");
        if (firstEvent) {
            distribution("first event", result.direct().firstEvents(), result.proxied().firstEvents());
        }
        distribution(firstEvent ? "whole stream" : "latency", result.direct().totals(), result.proxied().totals());
        Distribution direct = firstEvent ? result.direct().firstEvents() : result.direct().totals();
        Distribution proxied = firstEvent ? result.proxied().firstEvents() : result.proxied().totals();
        headline("%s: %s p50 %+.2f ms (%.3f -> %.3f, %.1fx), p99 %+.2f ms; proxy CPU %.2f ms per request",
                title.substring(0, title.indexOf('.')), firstEvent ? "first event" : "added latency",
                proxied.p50() - direct.p50(), direct.p50(), proxied.p50(), proxied.p50() / direct.p50(),
                proxied.p99() - direct.p99(), result.proxied().cpuMillisPerSample());
        line("  %-22s %10s %10.3f", "proxy CPU ms/request", "", result.proxied().cpuMillisPerSample());
        line("  %-22s %10s %10s", "good / failed", result.direct().good() + " / " + result.direct().failures(),
                result.proxied().good() + " / " + result.proxied().failures());
        failures(result);
    }

    private void distribution(String name, Distribution direct, Distribution proxied) {
        row(name + " p50 ms", direct.p50(), proxied.p50());
        row(name + " p90 ms", direct.p90(), proxied.p90());
        row(name + " p99 ms", direct.p99(), proxied.p99());
        row(name + " mean ms", direct.mean(), proxied.mean());
    }

    private void row(String name, double direct, double proxied) {
        line("  %-22s %10.3f %10.3f %+10.3f %7.2fx", name, direct, proxied, proxied - direct, proxied / direct);
    }

    void throughput(String title, Comparison result) {
        line("");
        line("%s", title);
        line("  %-22s %10s %10s %10s", "", "direct", "proxied", "ratio");
        double direct = result.direct().perSecond();
        double proxied = result.proxied().perSecond();
        line("  %-22s %10.0f %10.0f %9.2fx", "requests/s", direct, proxied, proxied / direct);
        headline("B: %.0f requests/s proxied, %.0f direct (%.2fx)", proxied, direct, proxied / direct);
        line("  %-22s %10.3f %10.3f %9.2fx", "latency p50 ms", result.direct().totals().p50(),
                result.proxied().totals().p50(), result.proxied().totals().p50() / result.direct().totals().p50());
        line("  %-22s %10s %10.3f", "proxy CPU ms/request", "", result.proxied().cpuMillisPerSample());
        line("  %-22s %10d %10d", "failed", result.direct().failures(), result.proxied().failures());
        failures(result);
    }

    private void failures(Comparison result) {
        if (result.failures() > 0) {
            problem(result.failures() + " requests failed, e.g. " + join(result.direct().problems(),
                    result.proxied().problems()));
        }
    }

    /** A limit found where the benchmark only tried: reported, but not a failure of the run. */
    void limit(String message) {
        headlines.add("LIMIT: " + message);
        line("LIMIT: %s", message);
    }

    void streamsHeader(String title) {
        line("");
        line("%s", title);
        line("  %-30s %9s %7s %9s %7s %8s %s", "", "RSS MiB", "x idle", "heap MiB", "x idle", "threads",
                "(idle in Jetty's pool)");
    }

    void streams(StreamsResult r, String heapCapacity) {
        line("  %,d streams, request body %s", r.count(), kb(r.bodyBytes()));
        figures("proxy idle (no stream)", r.idle(), r.idle());
        figures("all open", r.open(), r.idle());
        figures("all finished", r.after(), r.idle());
        int busyIdle = r.idle().threads() - r.idle().idlePoolThreads();
        int busyOpen = r.open().threads() - r.open().idlePoolThreads();
        line("    per open stream: %.1f KiB heap, %.1f KiB RSS%s", r.heapPerStreamKiB(), r.rssPerStreamKiB(),
                heapCapacity);
        line("    threads %+d, of which not idle in Jetty's pool %+d", r.open().threads() - r.idle().threads(),
                busyOpen - busyIdle);
        line("    opened in %.2f s through the proxy, %.2f s direct (%.2fx); upstream held %d",
                r.proxiedOpenNanos() / 1e9, r.directOpenNanos() / 1e9,
                r.proxiedOpenNanos() / (double) r.directOpenNanos(), r.upstreamHeld());
        line("    ended with message_stop: %d of %d (direct and proxied)", r.good(), 2 * r.count());
        headline("C: %,d streams (%s bodies): %.1f KiB heap and %.1f KiB RSS per stream, threads not idle %+d, "
                + "%d of %d ended with message_stop", r.count(), kb(r.bodyBytes()), r.heapPerStreamKiB(),
                r.rssPerStreamKiB(), busyOpen - busyIdle, r.good(), 2 * r.count());
        line("    proxy threads, all open: %s", groups(r.open().threadGroups()));
        if (r.failures() > 0) {
            problem(r.failures() + " of " + 2 * r.count() + " streams did not end with message_stop, e.g. "
                    + r.problems());
        }
        if (r.upstreamHeld() != r.count()) {
            problem("the upstream held " + r.upstreamHeld() + " streams while " + r.count() + " were open through the proxy");
        }
    }

    private void figures(String name, ProcessFigures f, ProcessFigures idle) {
        line("    %-28s %9.1f %6.2fx %9.1f %6.2fx %8d (%d)", name, f.rssKiB() / 1024.0,
                f.rssKiB() / (double) idle.rssKiB(), f.heapUsedKiB() / 1024.0,
                f.heapUsedKiB() / (double) idle.heapUsedKiB(), f.threads(), f.idlePoolThreads());
    }

    private static String groups(Map<String, Integer> groups) {
        return groups.entrySet().stream().filter(e -> !isJvmInternal(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean isJvmInternal(String name) {
        return List.of("GC Thread", "G1 ", "VM ", "C1 ", "C2 ", "Signal Dispatcher", "Service Thread",
                "Reference Handler", "Finalizer", "Common-Cleaner", "Attach Listener", "Sweeper", "Notification",
                "Monitor Deflation", "VM Periodic").stream().anyMatch(name::startsWith);
    }

    private static String kb(int bytes) {
        return bytes >= 10_000 ? (bytes / 1000) + " KB" : String.format(Locale.ROOT, "%.1f KB", bytes / 1000.0);
    }

    @SafeVarargs
    private static String join(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).distinct().limit(3).collect(Collectors.joining("; "));
    }

    private void headline(String format, Object... args) {
        headlines.add(String.format(Locale.ROOT, format, args));
    }

    /** The report, ending with one line per headline figure. */
    String text() {
        StringBuilder all = new StringBuilder(text).append("\nSummary\n");
        headlines.forEach(headline -> all.append("  ").append(headline).append('\n'));
        return all.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }
}
