package io.github.modelrouter.upstream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Receives one upstream exchange's answer as it arrives.
 *
 * <p>Called on an HttpClient I/O reactor thread (and, for {@link #onFailure} on a timeout, on the
 * deadline sweep's thread); implementations must not block. Calls for one exchange never overlap.
 * Exactly one of {@link #onEnd} and {@link #onFailure} ends the exchange, and nothing follows it.
 */
public interface UpstreamResponseHandler {

    /** The status line and headers (names in lower case). {@code hasBody} is false for an empty answer. */
    void onHead(int status, List<Map.Entry<String, String>> headers, boolean hasBody);

    /**
     * The next bytes of the body; read them during the call, the buffer is reused afterwards.
     * Bytes count against the exchange's window until returned with
     * {@link UpstreamExchange#returnCredit(int)}.
     */
    void onData(ByteBuffer data);

    /** The body ended normally. */
    void onEnd();

    /** The exchange failed, before or after its head. */
    void onFailure(UpstreamFailure failure);
}
