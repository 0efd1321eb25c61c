package io.github.modelrouter.dist;

import io.github.modelrouter.it.Answers;
import io.github.modelrouter.it.FakeUpstream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake-upstream answer that streams its beginning (message_start, ping, the first text delta)
 * and withholds the rest until the test calls {@link #release()}: a stream that is provably in
 * flight when the test sends SIGTERM. If nobody releases it within a minute it aborts, so a
 * broken test cannot hang the upstream's threads.
 */
final class HeldStream implements FakeUpstream.Responder {

    private final CountDownLatch released = new CountDownLatch(1);

    void release() {
        released.countDown();
    }

    @Override
    public void respond(FakeUpstream.Recorded request, com.sun.net.httpserver.HttpExchange exchange) throws Exception {
        OutputStream out = FakeUpstream.startSse(exchange);
        List<String> events = Answers.textStream(request.model(), "drained after SIGTERM");
        // message_start, ping, content_block_start, first text delta
        for (String event : events.subList(0, 4)) {
            FakeUpstream.sendEvent(out, event);
        }
        if (!released.await(60, TimeUnit.SECONDS)) {
            throw new FakeUpstream.AbortConnection();
        }
        for (String event : events.subList(4, events.size())) {
            FakeUpstream.sendEvent(out, event);
        }
        out.close();
    }
}
