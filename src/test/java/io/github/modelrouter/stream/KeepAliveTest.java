package io.github.modelrouter.stream;

import static io.github.modelrouter.stream.StreamTestSupport.resource;
import static io.github.modelrouter.stream.StreamTestSupport.text;
import static io.github.modelrouter.stream.StreamTestSupport.withLineEnds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.stream.StreamTestSupport.LineEnds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pings inserted into a thinking stream whose thinking is dropped, the way the client writer does
 * it: after any chunk the filter hands out, whenever the keep-alive says one is due. The client's
 * bytes minus the pings must be the filtered stream, byte for byte, and every ping must parse as
 * an event of its own (never inside one), for every split point of the upstream's bytes.
 */
class KeepAliveTest {

    private static final byte[] PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(LineEnds.class)
    void pingsAtEverySplitPointOfAThinkingStreamLeaveTheFilteredStreamByteExact(LineEnds ends) {
        byte[] input = withLineEnds(resource("thinking.sse"), ends);
        byte[] filtered = withLineEnds(resource("thinking.dropped.sse"), ends);
        // chunks one interval apart: a ping is due after each chunk, unless it ends in a CR whose LF may follow
        boolean crOnly = ends == LineEnds.CR;
        for (int cut = 1; cut < input.length; cut++) {
            int at = cut;
            assertPingsFit(input, filtered, p -> p == at, 1, !crOnly, "cut at " + cut);
        }
        assertPingsFit(input, filtered, p -> true, 1, !crOnly, "one byte per chunk");
        if (ends == LineEnds.LF || crOnly) {
            // chunks two intervals apart, where no CR-LF can be split: even a trailing CR gets its ping
            for (int cut = 1; cut < input.length; cut++) {
                int at = cut;
                assertPingsFit(input, filtered, p -> p == at, 2, true, "slow, cut at " + cut);
            }
            assertPingsFit(input, filtered, p -> true, 2, true, "slow, one byte per chunk");
        }
    }

    @Test
    void nothingIsDueBeforeTheFirstByteNorBeforeTheInterval() {
        KeepAlive keepAlive = new KeepAlive(100);
        assertFalse(keepAlive.due(1_000), "no ping before the stream's first byte");
        keepAlive.wrote(ByteBuffer.wrap("event: a\ndata: {}\n\n".getBytes(StandardCharsets.US_ASCII)), 1_000);
        assertFalse(keepAlive.due(1_099));
        assertTrue(keepAlive.due(1_100));
        keepAlive.wrote(KeepAlive.ping(), 1_100);
        assertFalse(keepAlive.due(1_150), "the ping itself counts as a byte to the client");
    }

    @Test
    void aStreamEndingInACrWaitsOneMoreIntervalForItsLf() {
        KeepAlive keepAlive = new KeepAlive(10);
        keepAlive.wrote(ByteBuffer.wrap("data: {}\r\n\r".getBytes(StandardCharsets.US_ASCII)), 0);
        assertFalse(keepAlive.due(10));
        assertFalse(keepAlive.due(19));
        assertTrue(keepAlive.due(20), "CR line ends, or a stalled upstream: pinged after all");
        keepAlive.wrote(ByteBuffer.wrap(new byte[] {'\n'}), 20);
        assertFalse(keepAlive.due(29));
        assertTrue(keepAlive.due(30));
    }

    @Test
    void thePingIsAnthropicsAndEachCallGivesAFreshBuffer() {
        ByteBuffer first = KeepAlive.ping();
        assertArrayEquals(PING, first.array());
        first.put(0, (byte) 'X');
        assertArrayEquals(PING, KeepAlive.ping().array());
        assertThrows(IllegalArgumentException.class, () -> new KeepAlive(0));
    }

    @Test
    void theSweepVisitsOpenStreamsOnlyAndSurvivesABrokenOne() {
        AtomicInteger visits = new AtomicInteger();
        KeepAliveSweep sweep = new KeepAliveSweep(() -> 42);
        KeepAliveSweep.Stream counted = now -> visits.incrementAndGet();
        KeepAliveSweep.Stream broken = now -> {
            throw new IllegalStateException("gone");
        };
        sweep.open(counted);
        sweep.open(broken);
        sweep.run();
        sweep.run();
        assertEquals(2, visits.get());
        assertEquals(1, sweep.size(), "a stream that throws leaves the sweep");
        sweep.close(counted);
        sweep.run();
        assertEquals(2, visits.get());
        assertEquals(0, sweep.size());
    }

    /**
     * Feeds {@code input} to a dropping filter, cut before each position {@code cutBefore} accepts,
     * and after every call offers a ping as the writer would (the clock moves past the interval).
     */
    private static void assertPingsFit(byte[] input, byte[] filtered, IntPredicate cutBefore, long tick,
                                       boolean pingsExpected, String what) {
        SseEventFilter filter = new SseEventFilter(true, null);
        KeepAlive keepAlive = new KeepAlive(1);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream withoutPings = new ByteArrayOutputStream();
        long[] clock = {0};
        int pings = 0;
        int from = 0;
        for (int p = 1; p <= input.length; p++) {
            if (p == input.length || cutBefore.test(p)) {
                pings += feed(filter, ByteBuffer.wrap(input, from, p - from), false, keepAlive, clock, tick, client, withoutPings);
                from = p;
            }
        }
        pings += feed(filter, ByteBuffer.allocate(0), true, keepAlive, clock, tick, client, withoutPings);
        assertEquals(text(filtered), text(withoutPings.toByteArray()), what);
        if (pingsExpected) {
            assertTrue(pings > 0, what + ": at least one ping was due");
        }
        List<String> types = new ArrayList<>();
        SseParser parser = new SseParser();
        parser.parse(ByteBuffer.wrap(client.toByteArray()), event -> {
            if (!event.continuesPrevious()) {
                types.add(event.type() + " " + event.data());
            }
        });
        parser.finish(event -> types.add("unterminated " + event.type()));
        List<String> expected = new ArrayList<>();
        SseParser reference = new SseParser();
        reference.parse(ByteBuffer.wrap(filtered), event -> {
            if (!event.continuesPrevious()) {
                expected.add(event.type() + " " + event.data());
            }
        });
        long seenPings = types.stream().filter("ping {\"type\": \"ping\"}"::equals).count();
        long upstreamPings = expected.stream().filter("ping {\"type\": \"ping\"}"::equals).count();
        assertEquals(pings, seenPings - upstreamPings, what + ": each ping parses as a whole ping event");
        types.removeIf("ping {\"type\": \"ping\"}"::equals);
        expected.removeIf("ping {\"type\": \"ping\"}"::equals);
        assertEquals(expected, types, what + ": the other events are the filtered ones, whole");
    }

    private static int feed(SseEventFilter filter, ByteBuffer chunk, boolean finished, KeepAlive keepAlive,
                            long[] clock, long tick, ByteArrayOutputStream client, ByteArrayOutputStream withoutPings) {
        List<ByteBuffer> out = new ArrayList<>();
        filter.transform(chunk, finished, out::add);
        for (ByteBuffer buffer : out) {
            keepAlive.wrote(buffer, clock[0]);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            client.writeBytes(bytes);
            withoutPings.writeBytes(bytes);
        }
        clock[0] += tick;
        if (!finished && keepAlive.due(clock[0])) {
            ByteBuffer ping = KeepAlive.ping();
            keepAlive.wrote(ping, clock[0]);
            client.writeBytes(PING);
            return 1;
        }
        return 0;
    }
}
