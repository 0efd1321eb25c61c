package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Payara Server 6 as its container image runs it: a domain of its own (a copy of the
 * distribution's {@code domain1} under {@code <work>/domains}), the router deployed at boot by the
 * ordinary deploy command ({@code deploy --contextroot / --name model-router <war>}, from a
 * {@code --postbootcommandfile}), and the server JVM started in the foreground from the command
 * line {@code asadmin start-domain --dry-run} prints. That is what Payara's own
 * {@code startInForeground.sh} does, so that SIGTERM ({@code docker stop}, systemd) reaches the
 * server itself rather than an asadmin client.
 *
 * <p>The domain's fixed ports (HTTP 8080 and 8181, admin 4848, IIOP, JMX, JMS, OSGi shell) are edited
 * to free ones; the HTTP and admin listeners bind 127.0.0.1 only.
 */
final class PayaraDistribution implements Distribution {

    private final Path payaraHome;
    private final Path war;

    PayaraDistribution(Path payaraHome, Path war) {
        this.payaraHome = payaraHome;
        this.war = war;
    }

    @Override
    public String name() {
        return payaraHome.getFileName().toString();
    }

    @Override
    public ChildProcess start(int port, Map<String, String> environment, Path workDirectory) throws IOException {
        Path domains = workDirectory.resolve("domains");
        Path domain = Install.copyTree(payaraHome.resolve("glassfish/domains/domain1"), domains.resolve("domain1"));
        Install.edit(domain.resolve("config/domain.xml"), Map.of(
                "<network-listener port=\"8080\"", "<network-listener address=\"127.0.0.1\" port=\"" + port + "\"",
                "<network-listener port=\"8181\"", "<network-listener address=\"127.0.0.1\" port=\"" + DistSettings.freePort() + "\"",
                "<network-listener port=\"4848\"", "<network-listener address=\"127.0.0.1\" port=\"" + DistSettings.freePort() + "\"",
                "port=\"3700\"", "port=\"" + DistSettings.freePort() + "\"",
                "port=\"3820\"", "port=\"" + DistSettings.freePort() + "\"",
                "port=\"3920\"", "port=\"" + DistSettings.freePort() + "\"",
                "port=\"8686\"", "port=\"" + DistSettings.freePort() + "\"",
                "name=\"JMS_PROVIDER_PORT\" value=\"7676\"", "name=\"JMS_PROVIDER_PORT\" value=\"" + DistSettings.freePort() + "\"",
                "-Dosgi.shell.telnet.port=6666", "-Dosgi.shell.telnet.port=" + DistSettings.freePort()));
        Path postBoot = workDirectory.resolve("post-boot-commands.asadmin");
        Files.writeString(postBoot, "deploy --contextroot / --name model-router " + war + "\n", StandardCharsets.UTF_8);

        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        List<String> command = serverCommand(env, domains, postBoot, workDirectory);
        return ChildProcess.start(name(), command, env, workDirectory);
    }

    /** The server's JVM command line, as {@code asadmin start-domain --dry-run} prints it. */
    private List<String> serverCommand(Map<String, String> env, Path domains, Path postBoot, Path workDirectory)
            throws IOException {
        Path dryRun = workDirectory.resolve("start-domain-dry-run.txt");
        ProcessBuilder builder = new ProcessBuilder(payaraHome.resolve("bin/asadmin").toString(), "start-domain", "--dry-run",
                "--postbootcommandfile", postBoot.toString(), "--domaindir", domains.toString(), "domain1")
                .redirectErrorStream(true).redirectOutput(dryRun.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process asadmin = builder.start();
        try {
            if (!asadmin.waitFor(60, TimeUnit.SECONDS) || asadmin.exitValue() != 0) {
                asadmin.destroyForcibly();
                throw new IllegalStateException("asadmin start-domain --dry-run failed:\n" + Files.readString(dryRun));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // "Dump of JVM Invocation line ...", then one argument per line up to a blank line
        List<String> lines = Files.readAllLines(dryRun, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            command.add(line);
        }
        return command;
    }

    @Override
    public Optional<String> shutdownStartedMarker() {
        // Payara closes its log manager as the JVM's shutdown begins: nothing is logged from then on
        return Optional.empty();
    }

    @Override
    public boolean refusesNewRequests(int status) {
        return status != 200;
    }
}
