package io.github.modelrouter.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WildFly as an operator runs it: an untouched {@code JBOSS_HOME}, a server base of its own
 * ({@code jboss.server.base.dir}: a copy of the distribution's {@code standalone/configuration})
 * with the WAR as {@code deployments/ROOT.war} (context path {@code /}), started with
 * {@code bin/standalone.sh} and the graceful-shutdown property
 * {@code -Dorg.wildfly.sigterm.suspend.timeout=30}: on SIGTERM the server suspends (new requests
 * get 503, requests in flight run on) for up to 30 s, then stops.
 *
 * <p>{@code LAUNCH_JBOSS_IN_BACKGROUND=true} makes the script relay SIGTERM to the JVM it starts
 * (what WildFly's own systemd and container launchers set); without it the signal would stop at
 * the shell. Every listening port is taken from a free one, on 127.0.0.1; the two transaction
 * ports, fixed numbers in {@code standalone.xml}, are edited to free ones in the copy.
 *
 * <p>{@code standalone.xml} also gets a MicroProfile Config source of the server's own, setting the
 * opus route's model: the router must read the server's config sources too.
 */
final class WildFlyDistribution implements Distribution {

    /** The value the server's config source gives {@code router.route.opus.model-id}. */
    static final String SERVER_SOURCE_MODEL = "deepseek-from-standalone-xml";

    private final Path jbossHome;
    private final Path war;

    WildFlyDistribution(Path jbossHome, Path war) {
        this.jbossHome = jbossHome;
        this.war = war;
    }

    @Override
    public String name() {
        return jbossHome.getFileName().toString();
    }

    @Override
    public ChildProcess start(int port, Map<String, String> environment, Path workDirectory) throws IOException {
        Path base = workDirectory.resolve("standalone");
        Install.copyTree(jbossHome.resolve("standalone/configuration"), base.resolve("configuration"));
        Install.edit(base.resolve("configuration/standalone.xml"), Map.of(
                "<socket-binding name=\"txn-recovery-environment\" port=\"4712\"/>",
                "<socket-binding name=\"txn-recovery-environment\" port=\"" + DistSettings.freePort() + "\"/>",
                "<socket-binding name=\"txn-status-manager\" port=\"4713\"/>",
                "<socket-binding name=\"txn-status-manager\" port=\"" + DistSettings.freePort() + "\"/>",
                "<subsystem xmlns=\"urn:wildfly:microprofile-config-smallrye:2.0\"/>",
                "<subsystem xmlns=\"urn:wildfly:microprofile-config-smallrye:2.0\">"
                        + "<config-source name=\"router-test\" ordinal=\"200\">"
                        + "<property name=\"router.route.opus.model-id\" value=\"" + SERVER_SOURCE_MODEL + "\"/>"
                        + "</config-source></subsystem>"));
        Install.copy(war, base.resolve("deployments/ROOT.war"));

        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("JBOSS_HOME", jbossHome.toString());
        List<String> command = List.of(jbossHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + DistSettings.freePort(),
                "-Djboss.management.http.port=" + DistSettings.freePort(),
                "-Djboss.management.https.port=" + DistSettings.freePort(),
                "-Dorg.wildfly.sigterm.suspend.timeout=30");
        return ChildProcess.start(name(), command, env, workDirectory);
    }

    @Override
    public Optional<String> shutdownStartedMarker() {
        // logged as SIGTERM starts the suspend
        return Optional.of("WFLYSRV0211");
    }

    @Override
    public boolean refusesNewRequests(int status) {
        // a suspended WildFly keeps its listener open and answers new requests with 503
        return status == 503 || status == -1;
    }

    @Override
    public int exitStatusAfterSigterm() {
        // standalone.sh reports the relayed signal, then exits 0 once the JVM has stopped
        return 0;
    }
}
