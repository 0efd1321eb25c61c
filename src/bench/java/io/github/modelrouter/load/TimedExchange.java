package io.github.modelrouter.load;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.client.Result;

/**
 * Sends one request and times it: the first complete SSE event (or first content of a JSON answer)
 * and the end. An answer is good when its status is 200 and it is complete: a streamed one has
 * {@code message_stop} and no {@code event: error}; a JSON one ends with {@code '}'}.
 *
 * <p>Its callbacks run on the HTTP client's threads, one at a time per exchange, and must not block.
 */
final class TimedExchange {

    private final boolean streamed;
    private final Runnable onFirstEvent;
    private final Consumer<Sample> onDone;
    private final SseScanner scanner = new SseScanner();
    private volatile long startNanos;
    private volatile long firstEventNanos = -1;

    private TimedExchange(boolean streamed, Runnable onFirstEvent, Consumer<Sample> onDone) {
        this.streamed = streamed;
        this.onFirstEvent = onFirstEvent;
        this.onDone = onDone;
    }

    /**
     * Sends {@code body} to {@code uri}; {@code onFirstEvent} runs once when the first event (or
     * content) arrives, {@code onDone} once at the end, also after a failure.
     */
    static void send(LoadClient client, URI uri, byte[] body, boolean streamed, Runnable onFirstEvent,
                     Consumer<Sample> onDone) {
        TimedExchange exchange = new TimedExchange(streamed, onFirstEvent, onDone);
        exchange.startNanos = System.nanoTime();
        client.post(uri, body)
                .onResponseContent((response, content) -> exchange.content(content))
                .send(exchange::complete);
    }

    private void content(ByteBuffer content) {
        scanner.feed(content);
        if (firstEventNanos < 0 && (!streamed || scanner.events() > 0)) {
            firstEventNanos = System.nanoTime() - startNanos;
            onFirstEvent.run();
        }
    }

    private void complete(Result result) {
        long total = System.nanoTime() - startNanos;
        onDone.accept(new Sample(firstEventNanos, total, problem(result)));
    }

    private String problem(Result result) {
        if (result.isFailed()) {
            Throwable failure = result.getFailure();
            return "failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        int status = result.getResponse().getStatus();
        if (status != 200) {
            return "status " + status;
        }
        if (streamed && scanner.errorSeen()) {
            return "SSE error event";
        }
        if (streamed && !scanner.messageStopSeen()) {
            return "stream ended without message_stop after " + scanner.events() + " events";
        }
        if (!streamed && !scanner.endsLikeJson()) {
            return "JSON answer cut short at " + scanner.bytes() + " bytes";
        }
        return null;
    }
}
