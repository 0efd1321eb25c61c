package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The Anthropic API surface on {@code /v1/*}: {@code POST /v1/messages} and
 * {@code POST /v1/messages/count_tokens} are proxied asynchronously through a
 * {@link ProxyExchange}; {@code GET /v1/models} (and {@code /v1/models/{id}}) lists the routes' advertised ids; anything else is 404
 * {@code not_found_error} and never forwarded.
 *
 * <p>The async timeout is 0: the route's own connect, idle and total timeouts govern an exchange.
 */
final class MessagesServlet extends HttpServlet {

    private final RouterServices services;
    private final ModelsList models;

    MessagesServlet(RouterServices services) {
        this.services = services;
        this.models = new ModelsList(services.config());
    }

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        String path = clientRequest.getPathInfo() == null ? "" : clientRequest.getPathInfo();
        String method = clientRequest.getMethod();
        if (method.equals("POST") && path.equals("/messages")) {
            proxy(clientRequest, clientResponse, ProxyExchange.Kind.MESSAGES);
        } else if (method.equals("POST") && path.equals("/messages/count_tokens")) {
            proxy(clientRequest, clientResponse, ProxyExchange.Kind.COUNT_TOKENS);
        } else if ((method.equals("GET") || method.equals("HEAD")) && path.equals("/models")) {
            models.writeList(clientRequest, clientResponse, method.equals("HEAD"));
        } else if ((method.equals("GET") || method.equals("HEAD")) && path.startsWith("/models/")) {
            models.writeOne(clientResponse, path.substring("/models/".length()), method.equals("HEAD"));
        } else {
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.NOT_FOUND.error(
                    method + " /v1" + path + " is not an endpoint of Model Router"));
        }
    }

    private void proxy(HttpServletRequest clientRequest, HttpServletResponse clientResponse, ProxyExchange.Kind kind)
            throws IOException {
        long limit = services.config().maxBodyBytes();
        long declared = clientRequest.getContentLengthLong();
        if (declared > limit + RequestBodyReader.MAX_DISCARD_BYTES) {
            // too much even to read and discard: refused before a byte is read, and the container
            // closes the connection (a client still sending may see a reset instead of the 413)
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.REQUEST_TOO_LARGE.error(
                    "request body is larger than router.max-body-bytes (" + limit + " bytes)"));
            return;
        }
        String requestId = RequestIdFilter.requestId(clientResponse);
        ExchangeRecord record = new ExchangeRecord(requestId, clientRequest.getMethod(),
                clientRequest.getRequestURI(), System.nanoTime());
        java.util.Optional<io.github.modelrouter.config.ClientConfig> sender = services.clients().identify(clientRequest);
        if (sender != null) {
            record.client(sender.orElse(null));
        }
        AsyncContext asyncContext = clientRequest.startAsync();
        asyncContext.setTimeout(0);
        ProxyExchange exchange = new ProxyExchange(services, kind, requestId, ClientHeaderSnapshot.of(clientRequest),
                asyncContext, clientResponse, record);
        asyncContext.addListener(exchange);
        exchange.writer().register();
        ServletInputStream clientInput = clientRequest.getInputStream();
        exchange.watchPresence(services.presenceChecks().of(clientRequest, clientInput));
        RequestBodyReader reader = new RequestBodyReader(clientInput, limit, declared, exchange);
        exchange.watchBody(reader, services.config().openPort().bodyTimeout());
        clientInput.setReadListener(reader);
    }
}
