package io.github.modelrouter.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Pattern TRAILING_NUMBER = Pattern.compile("([-_# ]?\\d+)+$");

    private final long pid;
    private final Path jcmd;
    private final Duration timeout;

    ProcessProbe(long pid, Duration timeout) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.timeout = timeout;
    }

    ProcessFigures measure() throws IOException, InterruptedException {
        long rss = statusKiB("VmRSS");
        int threads = (int) statusKiB("Threads");
        jcmd("GC.run");
        String heapInfo = jcmd("GC.heap_info");
        Matcher heap = HEAP.matcher(heapInfo);
        if (!heap.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output:\n" + heapInfo);
        }
        return new ProcessFigures(rss, threads, Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)),
                threadGroups(threadDump()));
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

    /** The full thread dump ({@code jcmd Thread.print}). */
    String threadDump() throws IOException, InterruptedException {
        return jcmd("Thread.print");
    }

    private static Map<String, Integer> threadGroups(String dump) {
        Map<String, Integer> groups = new TreeMap<>();
        Matcher name = THREAD_NAME.matcher(dump);
        while (name.find()) {
            String group = TRAILING_NUMBER.matcher(name.group(1)).replaceAll("");
            groups.merge(group.isEmpty() ? name.group(1) : group, 1, Integer::sum);
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
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
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
