package io.github.modelrouter.load;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * The fast upstream's only handler (Jetty core, non-blocking). {@code /fast/...} answers at once:
 * JSON, or SSE when the body says {@code "stream": true} ({@code message_start} written and
 * flushed first, so time-to-first-event is measurable, then the rest). {@code /hold/...} opens a
 * {@link HeldStream} that stays open, pinging, until {@link HeldStreams#finishAll()}.
 *
 * <p>Called on Jetty's selector or pool threads; reads the body and writes the answer with
 * callbacks, never blocking, so thousands of connections cost no thread each.
 */
final class UpstreamHandler extends Handler.Abstract.NonBlocking {

    static final String FAST = "fast";
    static final String HOLD = "hold";

    private final AnthropicWire wire;
    private final HeldStreams held;

    UpstreamHandler(AnthropicWire wire, HeldStreams held) {
        this.wire = wire;
        this.held = held;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        boolean hold = path.startsWith("/" + HOLD + "/");
        if ((!hold && !path.startsWith("/" + FAST + "/")) || !"POST".equals(request.getMethod())) {
            return false;
        }
        Content.Source.asByteBuffer(request, Promise.from(
                body -> answer(hold, body, response, callback), callback::failed));
        return true;
    }

    private void answer(boolean hold, ByteBuffer body, Response response, Callback callback) {
        response.getHeaders().put("request-id", "req_bench");
        if (hold) {
            startSse(response);
            HeldStream stream = new HeldStream(response, callback, held, wire);
            held.add(stream);
            stream.start();
        } else if (StreamFlag.requested(body)) {
            startSse(response);
            response.write(false, wire.streamHead(),
                    Callback.from(() -> response.write(true, wire.streamRest(), callback), callback::failed));
        } else {
            ByteBuffer json = wire.json();
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.remaining());
            response.write(true, json, callback);
        }
    }

    private static void startSse(Response response) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    }
}
