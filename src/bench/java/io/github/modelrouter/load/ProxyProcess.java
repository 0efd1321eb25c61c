package io.github.modelrouter.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The proxy under test in a JVM of its own ({@link ProxyMain} on this JVM's class path), so its
 * memory and threads can be measured alone and the load client's CPU and heap do not count against
 * it. Output goes to {@code proxy.log} in the work directory. {@link #close} destroys the process.
 */
final class ProxyProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final List<String> jvmOptions;

    private ProxyProcess(Process process, Path log, int port, List<String> jvmOptions) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts the WAR with {@code properties} as {@code -D} options and waits (up to
     * {@code startTimeout}) until it listens.
     */
    static ProxyProcess start(Path war, Path work, List<String> heapOptions, Map<String, String> properties,
                              Duration startTimeout) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path portFile = work.resolve("proxy.port");
        Files.deleteIfExists(portFile);
        Path log = work.resolve("proxy.log");
        List<String> jvmOptions = new ArrayList<>(heapOptions);
        properties.forEach((key, value) -> jvmOptions.add("-D" + key + "=" + value));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProxyMain.class.getName());
        command.add(war.toAbsolutePath().toString());
        command.add(portFile.toString());
        command.add(work.resolve("jetty").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(process, portFile, log, startTimeout);
            return new ProxyProcess(process, log, port, heapOptions);
        } catch (IOException | RuntimeException | InterruptedException e) {
            destroy(process);
            throw e;
        }
    }

    private static int awaitPort(Process process, Path portFile, Path log, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the proxy exited with " + process.exitValue() + ":\n" + tail(log, 40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the proxy did not start within " + timeout + ":\n" + tail(log, 40));
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
    }

    long pid() {
        return process.pid();
    }

    URI messagesUri() {
        return URI.create("http://127.0.0.1:" + port + "/v1/messages");
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** The last {@code lines} lines of the proxy's output. */
    String logTail(int lines) {
        return tail(log, lines);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        destroy(process);
    }

    private static void destroy(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
