package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.upstream.DeadlineSweep;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The presence watch's rules: it looks until the client leaves or it is stopped, and never after stop returns. */
class ClientPresenceTest {

    private final DeadlineSweep sweep = new DeadlineSweep("test-presence", Duration.ofMillis(5));

    @AfterEach
    void stopSweep() {
        sweep.close();
    }

    @Test
    void aClientThatLeavesIsReportedOnceAndNoLongerLookedAt() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger reports = new AtomicInteger();
        CountDownLatch reported = new CountDownLatch(1);
        ClientPresence presence = new ClientPresence(() -> looks.incrementAndGet() >= 3, sweep, () -> {
            reports.incrementAndGet();
            reported.countDown();
        });
        presence.start();
        assertTrue(reported.await(10, TimeUnit.SECONDS), "the leaving was reported");
        int looksWhenReported = looks.get();
        // a deadline armed now fires after every earlier one: by then a further look would have run
        CountDownLatch later = new CountDownLatch(1);
        sweep.after(ClientPresence.INTERVAL.multipliedBy(2), later::countDown);
        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertEquals(3, looksWhenReported);
        assertEquals(3, looks.get(), "no look after the client left");
        assertEquals(1, reports.get());
        assertEquals(0, sweep.armed());
    }

    @Test
    void noLookRunsOnceStopHasReturned() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger looksAfterStop = new AtomicInteger();
        CountDownLatch looked = new CountDownLatch(2);
        ClientPresence presence = new ClientPresence(() -> {
            if (stopped.get()) {
                looksAfterStop.incrementAndGet();
            }
            looked.countDown();
            return false;
        }, sweep, () -> { });
        presence.start();
        assertTrue(looked.await(10, TimeUnit.SECONDS), "it keeps looking while the client stays");
        presence.stop();
        stopped.set(true);
        CountDownLatch later = new CountDownLatch(1);
        sweep.after(ClientPresence.INTERVAL.multipliedBy(2), later::countDown);
        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertEquals(0, looksAfterStop.get());
        assertEquals(0, sweep.armed());
    }

    @Test
    void stoppedBeforeItStartsItNeverLooks() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        ClientPresence presence = new ClientPresence(() -> looks.incrementAndGet() > 0, sweep, () -> { });
        presence.stop();
        presence.start();
        assertEquals(0, sweep.armed(), "nothing armed");
        assertEquals(0, looks.get());
    }

    @Test
    void aConnectionThatIsNeverLookedAtArmsNothing() {
        ClientPresence presence = new ClientPresence(ClientPresence.NONE, sweep, () -> { });
        presence.start();
        assertEquals(0, sweep.armed());
    }
}
