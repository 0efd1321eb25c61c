package io.github.modelrouter.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Entry point of the proxy JVM: the built WAR in embedded Jetty 12.0 ee10 at context path
 * {@code /}, on 127.0.0.1 and a free port, which it writes to a file once started (written to a
 * temporary name and renamed, so the parent never reads half a number). Configuration comes from
 * the system properties the parent sets ({@code -Drouter.…}).
 *
 * <p>Thread pool as Jetty's distribution sets it (200 max); the accept queue is raised to 4096
 * because the benchmark opens thousands of connections within a second.
 *
 * <p>Usage: {@code ProxyMain <war> <port-file> <work-dir>}.
 */
public final class ProxyMain {

    private ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ProxyMain <war> <port-file> <work-dir>");
        }
        Path war = Path.of(args[0]);
        Path portFile = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));

        QueuedThreadPool threads = new QueuedThreadPool(200, 10);
        threads.setName("proxy");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext(war.toAbsolutePath().toString(), "/");
        webapp.setTempDirectory(work.resolve("webapp").toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.start();

        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(connector.getLocalPort()), StandardCharsets.US_ASCII);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        server.join();
    }
}
