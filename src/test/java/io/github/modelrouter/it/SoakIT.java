package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
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
 * one in forty a 50 MB answer. Every answer that completes is checked byte-exact against what the
 * upstream sent for that very request (found by the router's {@code x-request-id}); every faulted
 * one must end with its error, never look complete.
 *
 * <p>Prints requests served, answers lost, answers corrupted, answers cut short but ended clean
 * (not aborted: counted apart from corrupted ones), and heap after GC, RSS, threads and descriptors at start and end;
 * and for each failed request what a diagnosis needs: request id, case, expected and got, lengths,
 * the first differing offset, the tail that arrived and the router's access-log line. All but
 * served answers and faulted exchanges that ended with their error fail it.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+(\\.\\d+)?")
class SoakIT {

    /** Body bytes both sides keep of each answer, so a difference can be located. */
    private static final int KEEP = 1 << 20;

    @RegisterExtension
    static final FaultyUpstream UPSTREAM = FaultyUpstream.start(KEEP);

    /** Only the latest lines: a failed request's line is looked up as soon as it ends. */
    @RegisterExtension
    static final AccessLogLines ACCESS_LOG = AccessLogLines.keepingLast(5_000);

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
        Map<SoakVerdict, AtomicLong> counts = new EnumMap<>(SoakVerdict.class);
        for (SoakVerdict verdict : SoakVerdict.values()) {
            counts.put(verdict, new AtomicLong());
        }
        ConcurrentLinkedQueue<String> findings = new ConcurrentLinkedQueue<>();
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
                    Result result = once(kind, streamed);
                    String expected = kind.expected(streamed);
                    // the router's own account, only where something went wrong (it can take a moment)
                    String logLine = result.outcome().equals(expected) ? "" : accessLogLine(result.requestId());
                    SoakVerdict verdict = SoakVerdict.of(fault, streamed, expected, result.outcome(),
                            routerOutcome(logLine));
                    counts.get(verdict).incrementAndGet();
                    if (verdict.failed()) {
                        String finding = describe(verdict, result, expected, logLine);
                        findings.add(finding);
                        System.out.println(finding);
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
        long requests = counts.values().stream().mapToLong(AtomicLong::get).sum();
        String tally = counts.entrySet().stream().map(e -> e.getValue().get() + " " + e.getKey().label)
                .collect(Collectors.joining(", "));
        System.out.printf("Soak %s: %d requests served: %s%n  start: heap after GC %d MB, RSS %d MB, %d threads,"
                        + " %d fds%n  end:   heap after GC %d MB, RSS %d MB, %d threads, %d fds%n",
                duration, requests, tally, start.heapBytes() >> 20, startRss / 1024, start.threads(), start.fds(),
                end.heapBytes() >> 20, rssKb() / 1024, end.threads(), end.fds());
        assertEquals(0, findings.size(), () -> "requests that ended wrong (each printed above); the first: "
                + findings.stream().limit(3).collect(Collectors.joining("\n")));
    }

    /** One request as the soak saw it: what the client got, and what the upstream wrote for it. */
    private record Result(FaultCase kind, boolean streamed, String outcome, FaultClient.Answer answer,
                          FaultyUpstream.Exchange upstream, String failure) {
        String requestId() {
            return answer == null ? "" : answer.requestId();
        }
    }

    /** One request, read by a well-behaved client; its outcome as {@link FaultCase} writes it. */
    private Result once(FaultCase kind, boolean streamed) throws InterruptedException {
        FaultClient.Answer answer;
        try (FaultClient client = new FaultClient(base, 30_000, KEEP)) {
            UPSTREAM.clear(); // nothing takes the recorded exchanges here; only the ones by request id count
            client.send(Http.body(kind.model(), streamed), -1);
            answer = client.read(FaultClient.Reading.NORMAL, () -> { });
        } catch (IOException e) {
            // no head, or a hang past the read timeout: a failure to report, not a reason to stop the soak
            return new Result(kind, streamed, "FAILED " + e, null, null, e.toString());
        }
        // taken for every request, so the upstream keeps nothing of the finished ones
        FaultyUpstream.Exchange upstream = UPSTREAM.forRequest(answer.requestId());
        return new Result(kind, streamed, outcome(answer, upstream), answer, upstream, "");
    }

    private static String outcome(FaultClient.Answer answer, FaultyUpstream.Exchange upstream)
            throws InterruptedException {
        if (!answer.wellFramed()) {
            return "ABORTED";
        }
        if (answer.status() != 200) {
            return answer.status() + " " + errorType(answer.text());
        }
        if (answer.sse() && answer.tail().contains("event: error\n")) {
            return "SSE " + errorType(answer.tail());
        }
        FaultAnswers.Sent got = new FaultAnswers.Sent(answer.bodyLength(), answer.sha256());
        return got.equals(sent(upstream)) ? "COMPLETE" : "CORRUPT";
    }

    /** What the upstream sent whole for this request; null if it never finished a body. */
    private static FaultAnswers.Sent sent(FaultyUpstream.Exchange upstream) throws InterruptedException {
        if (upstream == null) {
            return null;
        }
        try {
            // the fake records a body just after its last byte left, racing the client that read it
            return upstream.sent().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException notWhole) {
            return null;
        }
    }

    private static String errorType(String envelope) {
        return envelope.replaceAll("(?s).*\"error\":\\{\"type\":\"([a-z_]+)\".*", "$1");
    }

    private static String accessLogLine(String requestId) throws InterruptedException {
        if (requestId.isEmpty()) {
            return "";
        }
        return ACCESS_LOG.find(requestId, Duration.ofSeconds(10)).orElse("");
    }

    /** The {@code outcome=} of an access-log line, or "". */
    private static String routerOutcome(String logLine) {
        int at = logLine.indexOf(" outcome=");
        return at < 0 ? "" : logLine.substring(at + 9).split(" ", 2)[0];
    }

    /** Everything a diagnosis of one failed request needs, on a few lines. */
    private static String describe(SoakVerdict verdict, Result result, String expected, String logLine) {
        StringBuilder text = new StringBuilder("soak: ").append(verdict).append(": ").append(result.kind())
                .append(result.streamed() ? " streamed" : " non-streamed").append(", request ")
                .append(result.requestId().isEmpty() ? "(no x-request-id)" : result.requestId())
                .append(", expected ").append(expected).append(", got ").append(result.outcome());
        FaultClient.Answer answer = result.answer();
        if (answer != null) {
            text.append("\n  client got: status ").append(answer.status()).append(", ").append(answer.bodyLength())
                    .append(" body bytes, ").append(answer.wellFramed() ? "well framed" : "not well framed")
                    .append(", framing ").append(framing(answer.head())).append(", sha256 ").append(answer.sha256());
        }
        FaultyUpstream.Exchange upstream = result.upstream();
        if (upstream == null) {
            text.append("\n  upstream: no exchange recorded for this request id");
        } else {
            FaultAnswers.Sent whole = upstream.sent().getNow(null);
            text.append("\n  upstream wrote: ").append(upstream.written().length()).append(" body bytes, ")
                    .append(whole == null ? "not a whole answer" : "whole, sha256 " + whole.sha256());
            if (answer != null) {
                long at = BodyLog.firstDifference(answer.first(), answer.bodyLength(), upstream.written().first(),
                        upstream.written().length());
                text.append("\n  first differing offset: ").append(at >= 0 ? Long.toString(at)
                        : "none within the first " + KEEP + " bytes kept");
            }
        }
        if (answer != null) {
            String tail = answer.tail();
            text.append("\n  tail of what arrived: ").append(escape(tail.substring(Math.max(0, tail.length() - 300))));
        }
        if (!result.failure().isEmpty()) {
            text.append("\n  client failure: ").append(result.failure());
        }
        text.append("\n  access log: ").append(logLine.isEmpty() ? "(no line found)" : logLine);
        return text.toString();
    }

    private static String framing(String head) {
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("transfer-encoding: chunked") ? "chunked"
                : lower.contains("content-length:") ? "content-length " + RawHttp.contentLength(head) : "close-delimited";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b & 0xff));
        }
        return out.toString();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
