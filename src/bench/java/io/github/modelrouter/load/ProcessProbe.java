package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures another JVM from outside, without any agent or endpoint in it: {@code /proc/<pid>/status}
 * for RSS and threads, {@code jcmd} (from this JDK) for a full GC, the heap in use after it, and
 * thread dumps.
 */
final class ProcessProbe {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern THREAD_NAME = Pattern.compile("^\"([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final long pid;
    private final Path jcmd;
    private final Duration timeout;

    ProcessProbe(long pid, Duration timeout) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.timeout = timeout;
    }

    /**
     * A full GC, then RSS, threads and heap. RSS is read after the GC so that figures taken at
     * different moments compare: before it, RSS still holds whatever heap the last burst of
     * garbage made the JVM commit.
     */
    ProcessFigures measure() throws IOException, InterruptedException {
        jcmd("GC.run");
        long rss = statusKiB("VmRSS");
        int threads = (int) statusKiB("Threads");
        String heapInfo = jcmd("GC.heap_info");
        Matcher heap = HEAP.matcher(heapInfo);
        if (!heap.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output:\n" + heapInfo);
        }
        String dump = threadDump();
        return new ProcessFigures(rss, threads, Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)),
                idlePoolThreads(dump), threadGroups(dump));
    }

    /**
     * CPU time (user + system, all threads) the process has used so far, in milliseconds, from
     * {@code /proc/<pid>/stat} (whose clock ticks are USER_HZ, 100 per second, on Linux).
     */
    long cpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, utime field 14, stime field 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The heap's classes by bytes (after a full GC), the first {@code lines} lines. */
    String classHistogram(int lines) throws IOException, InterruptedException {
        String[] all = jcmd("GC.class_histogram").split("\n");
        return String.join("\n", java.util.Arrays.copyOf(all, Math.min(lines, all.length))) + "\n";
    }

    /** Writes a heap dump of live objects to {@code file} (hprof). */
    void heapDump(Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd("GC.heap_dump " + file.toAbsolutePath());
    }

    /** The full thread dump ({@code jcmd Thread.print}). */
    String threadDump() throws IOException, InterruptedException {
        return jcmd("Thread.print");
    }

    /** Threads of the dump whose stack shows them waiting for a job in Jetty's pool. */
    private static int idlePoolThreads(String dump) {
        int idle = 0;
        for (String thread : dump.split("\n\n")) {
            if (thread.contains("QueuedThreadPool$Runner.idleJobPoll")
                    || thread.contains("ReservedThreadExecutor$ReservedThread.waitForTask")) {
                idle++;
            }
        }
        return idle;
    }

    private static Map<String, Integer> threadGroups(String dump) {
        Map<String, Integer> groups = new TreeMap<>();
        Matcher name = THREAD_NAME.matcher(dump);
        while (name.find()) {
            String full = name.group(1);
            String group = NUMBER.matcher(full.contains("@") ? full.substring(0, full.indexOf('@')) : full)
                    .replaceAll("N");
            groups.merge(group, 1, Integer::sum);
        }
        return groups;
    }

    /** A numeric field of {@code /proc/<pid>/status} ({@code VmRSS} is in kB). */
    private long statusKiB(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        // output to a file, not a pipe: a hung jcmd then cannot block us past the timeout
        Path output = Files.createTempFile("jcmd", ".txt");
        try {
            List<String> arguments = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            arguments.addAll(List.of(command.split(" ")));
            Process process = new ProcessBuilder(arguments)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " took longer than " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
