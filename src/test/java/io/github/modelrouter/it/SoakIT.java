package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak (issue 9), only with {@code -Psoak} (which sets {@code soak.minutes}, default 30): four
 * clients send mixed streamed and non-streamed requests to a {@link FaultyUpstream} for that long,
 * one in four with a fault injected (refused, reset, stalled, cut mid-chunk, an oversized event),
 * one in forty a 50 MB answer. Every answer
 * that completes is checked byte-exact against what the upstream sent; every faulted one must end
 * with its error, never look complete. Reports requests served, answers lost or corrupted (both
 * must be 0), and heap, RSS, threads and descriptors at start and end.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+(\\.\\d+)?")
class SoakIT {

    @RegisterExtension
    static final FaultyUpstream UPSTREAM = FaultyUpstream.start();

    /** Faults that need no coordination with the client (the matrix covers those that wait for it). */
    private static final List<FaultCase> FAULTS = List.of(FaultCase.RESET_BEFORE_HEAD, FaultCase.CUT_MID_CHUNK,
            FaultCase.STALL_MID_BODY, FaultCase.STALL_BEFORE_HEAD, FaultCase.REFUSE, FaultCase.EVENT_OVER_LIMIT);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // its own upstream: the one whose sent bodies the checks look up
        return FaultCase.war(UPSTREAM);
    }

    @ArquillianResource
    URL base;

    @Test
    void mixedTrafficWithFaultsLosesNothing() throws Exception {
        Duration duration = Duration.ofMillis((long) (Double.parseDouble(System.getProperty("soak.minutes")) * 60_000));
        LeakProbe.Snapshot start = LeakProbe.take();
        long startRss = rssKb();
        AtomicLong served = new AtomicLong();
        AtomicLong faulted = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            long seed = c;
            running.add(clients.submit(() -> {
                Random random = new Random(seed);
                while (System.nanoTime() < deadline) {
                    boolean streamed = random.nextBoolean();
                    boolean fault = random.nextInt(4) == 0;
                    FaultCase kind = fault ? FAULTS.get(random.nextInt(FAULTS.size()))
                            : random.nextInt(10) == 0 ? FaultCase.FIFTY_MB : FaultCase.ANSWER;
                    String outcome = once(kind, streamed);
                    // an answer must be whole and exact; a faulted one must end as its fault says
                    boolean ok = outcome.equals(kind.expected(streamed));
                    (fault ? faulted : served).incrementAndGet();
                    if (!ok) {
                        bad.incrementAndGet();
                        System.out.println("soak: " + kind + " streamed=" + streamed + " got " + outcome);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(duration.toMillis() + 120_000, TimeUnit.MILLISECONDS);
        }
        clients.shutdown();
        assertTrue(LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base)) >= 0, "a permit is still held");
        LeakProbe.Snapshot end = LeakProbe.take();
        System.out.printf("Soak %s: %d answers served, %d faulted exchanges, %d lost or corrupted%n"
                + "  start: %s, RSS %d MB%n  end:   %s, RSS %d MB%n", duration, served.get(), faulted.get(), bad.get(),
                start, startRss / 1024, end, rssKb() / 1024);
        assertEquals(0, bad.get(), "answers lost or corrupted");
    }

    /** One request, read by a well-behaved client; its outcome as {@link FaultCase} writes it. */
    private String once(FaultCase kind, boolean streamed) throws Exception {
        try (FaultClient client = new FaultClient(base, 30_000)) {
            UPSTREAM.clear(); // nothing takes the recorded exchanges here; only the sent bodies count
            client.send(Http.body(kind.model(), streamed), -1);
            FaultClient.Answer answer = client.read(FaultClient.Reading.NORMAL, () -> { });
            if (!answer.wellFramed()) {
                return "ABORTED";
            }
            if (answer.status() != 200) {
                return answer.status() + " " + answer.text().replaceAll("(?s).*\"error\":\\{\"type\":\"([a-z_]+)\".*", "$1");
            }
            if (answer.sse() && answer.tail().contains("event: error\n")) {
                return "SSE " + answer.tail().replaceAll("(?s).*\"error\":\\{\"type\":\"([a-z_]+)\".*", "$1");
            }
            // the fake records digests in arrival order across clients: find this request's by its length and digest
            FaultAnswers.Sent sent = new FaultAnswers.Sent(answer.bodyLength(), answer.sha256());
            // the fake records a body just after its last byte left, racing the client that reads it
            return LeakProbe.await(2_000, () -> UPSTREAM.wasSent(sent)) >= 0 ? "COMPLETE"
                    : "CORRUPT (" + sent + ")";
        }
    }

    private static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
