package io.github.modelrouter.upstream;

import io.github.modelrouter.config.RouteTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to send upstream: a POST of a JSON body, with the headers the rewrite chose and the
 * route's timeouts.
 *
 * @param uri full upstream URL
 * @param headers header fields to send, names in lower case; {@code host} and
 *     {@code content-length} are set by the client
 * @param body the (rewritten) body, from its position to its limit
 * @param connectTimeout time allowed to connect
 * @param idleTimeout time the upstream may stay silent, before its head or between chunks
 * @param totalTimeout time for the whole exchange, body included
 * @param transport how the upstream is reached: extra trusted CAs, proxy, HTTP/2 (the route's)
 * @param bodyDone told once when nothing will read the body's array any more, so that it may be
 *     reused: the connection has taken every byte (copied into its own buffers or the socket's), or
 *     the exchange ended and let go of it; perhaps never (an exchange that never started sending)
 */
public record UpstreamRequest(URI uri, List<Map.Entry<String, String>> headers, ByteBuffer body,
                              Duration connectTimeout, Duration idleTimeout, Duration totalTimeout,
                              RouteTransport transport, Runnable bodyDone) {

    private static final Runnable NOTHING = () -> { };

    /** A request whose body's array nobody reuses. */
    public UpstreamRequest(URI uri, List<Map.Entry<String, String>> headers, ByteBuffer body,
                           Duration connectTimeout, Duration idleTimeout, Duration totalTimeout,
                           RouteTransport transport) {
        this(uri, headers, body, connectTimeout, idleTimeout, totalTimeout, transport, NOTHING);
    }

    public UpstreamRequest {
        Objects.requireNonNull(uri, "uri");
        // each send reads its own view: the bytes themselves are never copied
        body = Objects.requireNonNull(body, "body").asReadOnlyBuffer();
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bodyDone, "bodyDone");
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        // headers carry the API key; never print them
        return "UpstreamRequest[" + uri + ", " + body.remaining() + " bytes]";
    }
}
