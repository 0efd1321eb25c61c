package io.github.modelrouter.upstream;

/**
 * Handle on one upstream exchange in flight. Thread-safe: called from the client side's threads.
 */
public interface UpstreamExchange {

    /**
     * Gives back {@code bytes} of window: the client side has drained that much of what
     * {@link UpstreamResponseHandler#onData} delivered, so the upstream may send more.
     */
    void returnCredit(int bytes);

    /**
     * Cancels the exchange now (client gone, or a fallback is taking over): the upstream connection
     * is reset so the provider stops generating. The handler gets no further calls except,
     * possibly, one {@code onFailure(CANCELLED)}.
     */
    void cancel();
}
