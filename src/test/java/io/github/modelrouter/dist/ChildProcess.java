package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A distribution running as a child process, its console (stdout and stderr) going to a log file
 * so that it can never block on a full pipe and a failing test can show what the server said.
 * {@link #close()} kills it if it is still alive, so a test that fails half-way leaves nothing
 * behind.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code directory} with exactly {@code environment}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        Path log = directory.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        // an empty stdin, as under systemd: Payara's server reads it (-read-stdin true) for
        // asadmin's passwords and would wait for ever on an open pipe
        process.getOutputStream().close();
        return new ChildProcess(name, process, log);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The console file. */
    Path logFile() {
        return log;
    }

    /** SIGTERM on Linux and macOS: what systemd, docker stop and kill send. */
    void terminate() {
        process.destroy();
    }

    /**
     * The JVM of this child: the child itself when it is {@code java} (a launcher script such as
     * Maven's {@code bin/mvn} {@code exec}s it), else its first {@code java} descendant. Fails when
     * there is none, or when the child has exited.
     */
    ProcessHandle jvm() {
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return self;
        }
        return self.descendants().filter(ChildProcess::isJava).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no java process among " + self.pid()
                        + " and its descendants\n" + logTail()));
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.isAlive() && handle.info().command()
                .map(command -> Path.of(command).getFileName().toString())
                .filter(file -> file.equals("java") || file.equals("java.exe"))
                .isPresent();
    }

    /** Waits for the exit and returns its status, or fails after {@code limit}. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running " + limit.toSeconds() + " s after SIGTERM\n" + logTail());
        }
        return process.exitValue();
    }

    /** The console so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last lines of the console, for failure messages. */
    String logTail() {
        List<String> lines = logText().lines().filter(line -> !line.startsWith("\tat ")).toList();
        return "--- last lines of " + log + " ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * Kills the process and everything it started (a launcher script's JVM, for example), children
     * first so that none is left orphaned.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : tree) {
            child.onExit().completeOnTimeout(child, 20, TimeUnit.SECONDS).join();
        }
    }
}
