package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix (issue 9): every {@link FaultCase}, streamed and not, against a
 * {@link FaultyUpstream}, with a raw-socket {@link FaultClient}. Each case must give the client
 * the outcome SPEC promises (an envelope before commit; an SSE {@code error} event or a broken
 * connection after it; never a well-framed but cut-short answer), and then nothing may have
 * leaked ({@link LeakProbe}): permits, upstream connections, threads, descriptors, heap. A client
 * that leaves must take its upstream exchange and permit with it within about a second.
 *
 * <p>Short timeouts keep it quick: the {@code fault} route's upstream may be silent for 1 s; the
 * {@code patient} route's for 30 s, so that only the client's leaving can end its exchanges.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class FaultMatrixIT {

    /** How soon after the client leaves its upstream exchange and permit must be gone. */
    static final long CANCEL_MILLIS = 1_500;

    @RegisterExtension
    static final FaultyUpstream UPSTREAM = FaultyUpstream.start();

    /** Measured once after the warm-up cases; the leak checks compare against it. */
    private static final AtomicReference<LeakProbe.Snapshot> BASELINE = new AtomicReference<>();
    /** Case → what happened, printed after the class for the report. */
    private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return FaultCase.war(UPSTREAM);
    }

    @ArquillianResource
    URL base;

    /** All cases, or with {@code -Dfault.cases=A,B} only those (for working on one). */
    static Stream<Arguments> cases() {
        String only = System.getProperty("fault.cases", "");
        return Arrays.stream(FaultCase.values())
                .filter(c -> only.isBlank() || Arrays.asList(only.split(",")).contains(c.name()))
                .flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    @ParameterizedTest(name = "{0}, streamed={1}")
    @MethodSource("cases")
    void eachFaultGetsItsOutcomeAndLeaksNothing(FaultCase fault, boolean streamed) throws Exception {
        UPSTREAM.clear();
        String outcome = switch (fault.client) {
            case READ, READ_SLOWLY -> read(fault, streamed);
            case STOP_READING -> stopReading(fault, streamed);
            case CLOSE_DURING_UPLOAD, RESET_DURING_UPLOAD -> leaveDuringUpload(fault, streamed);
            case CLOSE_BEFORE_HEAD, RESET_BEFORE_HEAD -> leaveBeforeHead(fault, streamed);
            case CLOSE_MID_STREAM, RESET_MID_STREAM -> leaveMidStream(fault, streamed);
        };
        String expected = fault.expected(streamed);
        assertEquals(expected, outcome.split(" \\(")[0], fault + " streamed=" + streamed + ": " + outcome);
        if (BASELINE.get() == null && fault == FaultCase.SLOW_CLIENT) {
            // the cases so far warmed up every code path and pool the rest use
            LeakProbe.assertNoLeak(base, UPSTREAM, LeakProbe.take());
            BASELINE.compareAndSet(null, LeakProbe.take());
        }
        LeakProbe.Snapshot after = BASELINE.get() == null ? null : LeakProbe.assertNoLeak(base, UPSTREAM, BASELINE.get());
        if (after == null) {
            // before the baseline: at least no permit and no connection may stay behind
            assertTrue(LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base)) >= 0, "a permit is still held");
            assertTrue(LeakProbe.await(10_000, () -> LeakProbe.pooled(base, "leased") == 0
                    && UPSTREAM.openConnections() == LeakProbe.pooled(base, "idle")) >= 0,
                    "upstream connections: open " + UPSTREAM.openConnections() + ", idle " + LeakProbe.pooled(base, "idle"));
        }
        REPORT.put(String.format("%-28s %-5s", fault, streamed ? "SSE" : "JSON"), outcome
                + (after == null ? " | leaks: permits 0, connections 0" : " | leaks 0; " + after));
    }

    /**
     * A request pipelined behind a {@code POST} whose answer is pending (RFC 9112 9.3.2: a client
     * SHOULD NOT) counts as the client having left: the upstream exchange is cancelled, and the
     * {@code POST} gets a 400 that says why instead of an answer nobody can match to it.
     */
    @Test
    void aRequestPipelinedBehindAPendingPostEndsItWithAnError() throws Exception {
        UPSTREAM.clear();
        FaultyUpstream.Exchange served;
        FaultClient.Answer answer;
        long left;
        try (FaultClient client = new FaultClient(base, 20_000)) {
            client.send(Http.body(FaultCase.CLIENT_CLOSES_BEFORE_HEAD.model(), false), -1);
            served = UPSTREAM.take();
            left = System.nanoTime();
            client.sendRaw("GET " + RawHttp.path(base, "/health") + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            answer = client.read(FaultClient.Reading.NORMAL, () -> { });
        }
        long cancelMillis = (served.connectionClosedNanos().get(20, TimeUnit.SECONDS) - left) / 1_000_000;
        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.text().contains("\"invalid_request_error\"") && answer.text().contains("pipelining"),
                answer.text());
        assertTrue(cancelMillis <= CANCEL_MILLIS, "upstream closed " + cancelMillis + " ms after the pipelined request");
        assertTrue(LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base)) >= 0, "a permit is still held");
    }

    @AfterAll
    static void report() {
        System.out.println("Fault matrix (baseline " + BASELINE.get() + "):");
        REPORT.forEach((row, outcome) -> System.out.println("  " + row + " " + outcome));
    }

    /** The client reads the whole answer; the outcome as {@link FaultCase} writes it. */
    private String read(FaultCase fault, boolean streamed) throws Exception {
        AtomicReference<FaultyUpstream.Exchange> exchange = new AtomicReference<>();
        FaultClient.Answer answer;
        try (FaultClient client = new FaultClient(base, 20_000)) {
            client.send(Http.body(fault.model(), streamed), -1);
            answer = client.read(fault.client == FaultCase.Client.READ_SLOWLY ? FaultClient.Reading.SLOW
                    : FaultClient.Reading.NORMAL, () -> clientSaw(exchange));
        }
        if (!answer.wellFramed()) {
            return "ABORTED (" + answer.bodyLength() + " bytes)";
        }
        if (answer.status() != 200) {
            return answer.status() + " " + errorType(answer.text());
        }
        if (answer.sse() && answer.tail().contains("event: error\n")) {
            return "SSE " + errorType(answer.tail());
        }
        FaultyUpstream.Exchange served = exchange.get() != null ? exchange.get() : UPSTREAM.take();
        FaultAnswers.Sent sent = served.sent().get(10, TimeUnit.SECONDS);
        boolean exact = sent.length() == answer.bodyLength() && sent.sha256().equals(answer.sha256());
        return (exact ? "COMPLETE" : "CORRUPT") + " (" + answer.bodyLength() + " bytes)";
    }

    /** Tells the fake its client has seen the first body bytes, so a reset now cannot lose them. */
    private static void clientSaw(AtomicReference<FaultyUpstream.Exchange> exchange) {
        try {
            FaultyUpstream.Exchange served = UPSTREAM.poll(Duration.ofSeconds(10));
            if (served != null) {
                exchange.set(served);
                served.clientSaw().complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The client reads the head and stops: the router must stop its upstream (the total timeout:
     * the idle clock is paused while credit is withheld for the client) while the client is still
     * connected, and free the permit once it leaves.
     */
    private String stopReading(FaultCase fault, boolean streamed) throws Exception {
        FaultyUpstream.Exchange served;
        long upstreamGone;
        try (FaultClient client = new FaultClient(base, 20_000)) {
            client.send(Http.body(fault.model(), streamed), -1);
            client.readHead();
            served = UPSTREAM.take();
            upstreamGone = LeakProbe.await(20_000, served.connectionClosedNanos()::isDone);
            assertTrue(upstreamGone >= 0, "the upstream exchange of a client that stopped reading is never ended");
            // the route's total timeout ends it (its idle clock is paused while credit is withheld),
            // and closes its connection
            assertTrue(upstreamGone <= FaultCase.BRIEF_TOTAL_SECONDS * 1000L + CANCEL_MILLIS,
                    "the upstream connection closed " + upstreamGone + " ms after the head");
        }
        long permit = LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base));
        assertTrue(permit >= 0 && permit <= CANCEL_MILLIS, "permit freed " + permit + " ms after the client left");
        return "CANCELLED (upstream closed " + upstreamGone + " ms after the head; permit " + permit + " ms after leaving)";
    }

    private String leaveDuringUpload(FaultCase fault, boolean streamed) throws Exception {
        FaultClient client = new FaultClient(base, 20_000);
        client.send(Http.body(fault.model(), streamed), 20);
        assertTrue(LeakProbe.await(5_000, () -> !LeakProbe.nothingInFlight(base)) >= 0, "the request never began");
        leave(client, fault);
        long permit = LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base));
        assertTrue(permit >= 0 && permit <= CANCEL_MILLIS, "permit freed " + permit + " ms after the client left");
        assertNull(UPSTREAM.poll(Duration.ofMillis(100)), "half a body is never forwarded");
        return "CANCELLED (permit " + permit + " ms)";
    }

    private String leaveBeforeHead(FaultCase fault, boolean streamed) throws Exception {
        FaultClient client = new FaultClient(base, 20_000);
        client.send(Http.body(fault.model(), streamed), -1);
        FaultyUpstream.Exchange served = UPSTREAM.take();
        return leaveAndMeasure(client, fault, served);
    }

    private String leaveMidStream(FaultCase fault, boolean streamed) throws Exception {
        FaultClient client = new FaultClient(base, 20_000);
        client.send(Http.body(fault.model(), streamed), -1);
        FaultyUpstream.Exchange served = UPSTREAM.take();
        client.readHead();
        client.readSome(1);
        return leaveAndMeasure(client, fault, served);
    }

    private String leaveAndMeasure(FaultClient client, FaultCase fault, FaultyUpstream.Exchange served)
            throws Exception {
        long left = System.nanoTime();
        leave(client, fault);
        long closed = served.connectionClosedNanos().get(20, TimeUnit.SECONDS);
        long cancelMillis = (closed - left) / 1_000_000;
        long permit = LeakProbe.await(10_000, () -> LeakProbe.nothingInFlight(base));
        long permitMillis = (System.nanoTime() - left) / 1_000_000;
        assertTrue(cancelMillis <= CANCEL_MILLIS, "upstream closed " + cancelMillis + " ms after the client left");
        assertTrue(permit >= 0 && permitMillis <= CANCEL_MILLIS, "permit freed " + permitMillis + " ms after");
        return "CANCELLED (upstream closed " + Math.max(0, cancelMillis) + " ms, permit " + permitMillis + " ms after leaving)";
    }

    private static void leave(FaultClient client, FaultCase fault) throws Exception {
        if (fault.client.resets()) {
            client.reset();
        } else {
            client.close();
        }
    }

    private static String errorType(String text) {
        Matcher m = Pattern.compile("\"error\":\\{\"type\":\"([a-z_]+)\"").matcher(text);
        return m.find() ? m.group(1) : "(no envelope: " + text.substring(0, Math.min(200, text.length())) + ")";
    }
}
