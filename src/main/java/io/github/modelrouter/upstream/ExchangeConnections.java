package io.github.modelrouter.upstream;

import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Lets the router close the connection of an HTTP/1.1 exchange it cancels. HttpClient 5 cancels
 * an exchange through its connection only when the connection was pooled before the exchange
 * began; for one opened for the exchange, {@code Future.cancel} reaches nothing, and the
 * connection stays open, waiting for an answer nobody wants, until the answer or the socket
 * timeout (SPEC: a cancelled connection is closed, never kept). This first link of the exec chain
 * keeps the exchange's {@link AsyncExecRuntime} in its context, and {@link #discard} closes the
 * runtime's connection.
 *
 * <p>Only for clients that carry one exchange per connection: on HTTP/2 the connection is shared,
 * and a stream is reset by the multiplexer's own cancel.
 */
final class ExchangeConnections implements AsyncExecChainHandler {

    static final String NAME = "model-router-exchange-connections";
    private static final String ATTRIBUTE = "io.github.modelrouter.exec-runtime";

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
                        AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        scope.clientContext.setAttribute(ATTRIBUTE, scope.execRuntime);
        chain.proceed(request, entityProducer, scope, callback);
    }

    /**
     * Closes the connection of the exchange of {@code context}, if it still holds one. After the
     * exchange has given its connection back (to the pool, or closed), this does nothing: the
     * runtime forgets the connection when it lets go of it, so another exchange's is never touched.
     */
    static void discard(HttpContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof AsyncExecRuntime runtime) {
            runtime.discardEndpoint();
        }
    }
}
