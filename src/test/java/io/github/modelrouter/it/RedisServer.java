package io.github.modelrouter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server on 127.0.0.1 for tests, started and killed by the test. The binary comes,
 * in this order, from: {@code $REDIS_SERVER}; the {@code com.github.codemonstur:embedded-redis} jar
 * on the test classpath (Maven Central; it ships redis-server for linux-amd64, linux-arm64 and
 * macOS), unpacked to {@code target/}; Debian's {@code /usr/bin/redis-server}; and, when running as
 * root, {@code apt-get install -y redis-server}. Where none works, {@link #binary()} is empty with
 * the reason, and the tests that need it are skipped loudly (see {@link RedisAvailable}).
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(15);
    private static volatile Optional<Path> found;
    private static volatile String whyNot = "";

    private final Path binary;
    private final int port;
    private volatile Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** A server on a free port, started and ready. */
    public static RedisServer start() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("no redis-server: " + whyNot));
        RedisServer server = new RedisServer(binary, RouterDeployment.unusedPort());
        server.startProcess();
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, for {@code router.state}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (SIGKILL, as a crash): clients see their connections reset. */
    public void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts it again on the same port, empty (it keeps nothing on disk). */
    public void restart() {
        kill();
        startProcess();
    }

    @Override
    public void close() {
        kill();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        try {
            Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLog(started.getInputStream(), ready), "redis-server-log-" + port);
            reader.setDaemon(true);
            reader.start();
            if (!ready.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                started.destroyForcibly();
                throw new IllegalStateException("redis-server on port " + port + " exited before it was ready");
            }
            process = started;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + binary + " on port " + port + ": " + e, e);
        }
    }

    private static void readLog(InputStream log, CompletableFuture<Boolean> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.contains("Ready to accept connections")) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        ready.complete(false);
    }

    /** The redis-server binary to run, found once per JVM; empty (see {@link #whyNot}) when there is none. */
    public static synchronized Optional<Path> binary() {
        if (found == null) {
            found = find();
        }
        return found;
    }

    /** Why {@link #binary} is empty. */
    public static String whyNot() {
        return whyNot;
    }

    private static Optional<Path> find() {
        List<String> tried = new ArrayList<>();
        String fromEnv = System.getenv("REDIS_SERVER");
        if (fromEnv != null && !fromEnv.isBlank() && runs(Path.of(fromEnv))) {
            return Optional.of(Path.of(fromEnv));
        }
        Optional<Path> embedded = unpackEmbedded(tried);
        if (embedded.isPresent()) {
            return embedded;
        }
        Path debian = Path.of("/usr/bin/redis-server");
        if (runs(debian)) {
            return Optional.of(debian);
        }
        tried.add("/usr/bin/redis-server is not installed");
        if ("root".equals(System.getProperty("user.name"))) {
            // CI and fresh machines run as root: Debian's package is one install away
            if (run(List.of("apt-get", "update", "-qq")) && run(List.of("apt-get", "install", "-y", "-qq", "redis-server"))
                    && runs(debian)) {
                return Optional.of(debian);
            }
            tried.add("apt-get install -y redis-server failed");
        } else {
            tried.add("not root, so apt-get install redis-server was not tried");
        }
        whyNot = String.join("; ", tried);
        return Optional.empty();
    }

    private static Optional<Path> unpackEmbedded(List<String> tried) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource;
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            resource = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arch.equals("aarch64")) {
            resource = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac")) {
            resource = arch.equals("aarch64") ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        } else {
            tried.add("embedded-redis ships no binary for " + os + "/" + arch);
            return Optional.empty();
        }
        try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                tried.add(resource + " is not on the test classpath (com.github.codemonstur:embedded-redis)");
                return Optional.empty();
            }
            Path target = Path.of("target", "redis", resource).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (runs(target)) {
                return Optional.of(target);
            }
            tried.add(target + " does not run here (missing libraries?)");
        } catch (IOException e) {
            tried.add("cannot unpack " + resource + ": " + e);
        }
        return Optional.empty();
    }

    private static boolean runs(Path binary) {
        return Files.isExecutable(binary) && run(List.of(binary.toString(), "--version"));
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
