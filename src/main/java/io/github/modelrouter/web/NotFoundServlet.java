package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page for 404 and 405 (see {@code web.xml}): any path or method the router
 * does not serve is a 404 {@code not_found_error} in Anthropic's envelope, never an HTML page and
 * never a 5xx.
 */
final class NotFoundServlet extends HttpServlet {

    static final String PATH = "/_router/not-found";

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        Object original = clientRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original != null ? original.toString() : clientRequest.getRequestURI();
        String method = clientRequest.getMethod();
        ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.NOT_FOUND.error(method + " " + path + " is not an endpoint of Model Router"));
    }
}
