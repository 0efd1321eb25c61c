package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.upstream.UpstreamExchange;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The attempt's credit account, in the order the soak caught: the reactor delivers the whole first
 * window before {@code UpstreamClient.send} has returned the handle that credit goes back through.
 */
class UpstreamCreditTest {

    /** The window HttpClient opens before it asks for credit (its default). */
    private static final int FIRST_WINDOW = 65_535;

    /** An upstream exchange that only counts the credit it gets back. */
    private static final class Returned implements UpstreamExchange {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void returnCredit(int credit) {
            bytes.addAndGet(credit);
        }

        @Override
        public void cancel() {
        }
    }

    @Test
    void creditOwedBeforeTheHandleArrivesIsReturnedWithIt() {
        UpstreamCredit credit = new UpstreamCredit();
        Returned upstream = new Returned();
        // the whole first window reaches a client that keeps up, before send() has returned
        for (int delivered = 0; delivered < FIRST_WINDOW; delivered += 8192) {
            credit.delivered(Math.min(8192, FIRST_WINDOW - delivered));
            credit.returnIfDrained(0);
        }
        // the window is shut now: no more data, and nothing queued, so nothing else would return it
        credit.attach(upstream, 0);
        assertEquals(FIRST_WINDOW, upstream.bytes.get());
    }

    @Test
    void creditWaitsWhileTheClientIsBehindAndIsReturnedOnceWhenItDrains() {
        UpstreamCredit credit = new UpstreamCredit();
        Returned upstream = new Returned();
        credit.delivered(FIRST_WINDOW);
        credit.attach(upstream, UpstreamCredit.LOW_WATER_BYTES + 1);
        assertEquals(0, upstream.bytes.get(), "returned while the client's queue is above the low-water mark");
        credit.returnIfDrained(UpstreamCredit.LOW_WATER_BYTES);
        credit.returnIfDrained(0);
        assertEquals(FIRST_WINDOW, upstream.bytes.get());
    }
}
