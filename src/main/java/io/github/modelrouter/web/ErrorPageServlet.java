package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page (see {@code web.xml}: for 404, 405 and 501, and as the default error
 * page for every other status and exception): whatever the container refuses itself (an ambiguous
 * or encoded path, a method a security constraint forbids, an exception) is answered in Anthropic's
 * envelope, never the container's HTML page. A path or method the router does not serve is a 404
 * {@code not_found_error}, never a 5xx; another 4xx keeps the container's status with the type
 * for it; anything else is 500 {@code api_error} with no detail (an exception's message is for
 * the log, not the client).
 *
 * <p>Some refusals never reach a web application (a request line the HTTP parser rejects, a target
 * Jetty's URI compliance or Tomcat's URI check rejects before choosing a context): {@link
 * JettyServerErrors} and {@link TomcatHostErrors} answer those with {@link #error}, the one mapping
 * of a container's status to an envelope. README "Hostile input" lists them.
 */
final class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/_router/error";
    /** Longest container message passed on: it is a short reason phrase, never more. */
    private static final int MAX_MESSAGE_CHARS = 200;

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException {
        if (clientResponse.isCommitted()) {
            // an exception after the answer began: nothing can be said any more; the container aborts
            return;
        }
        Object code = clientRequest.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        Object original = clientRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String target = clientRequest.getMethod() + " " + (original != null ? original : clientRequest.getRequestURI());
        ErrorResponses.sendBeforeBody(clientRequest, clientResponse, error(status, target,
                clientRequest.getAttribute(RequestDispatcher.ERROR_MESSAGE)));
    }

    /** The envelope for a status the container chose. */
    static AnthropicError error(int status, String target, Object containerMessage) {
        if (status == 404 || status == 405 || status == 501) {
            // a method or path no servlet serves: not an endpoint, whatever the container called it
            return AnthropicError.Type.NOT_FOUND.error(target + " is not an endpoint of Model Router");
        }
        String reason = containerMessage instanceof String text && !text.isBlank()
                // the envelope's JSON escaping makes any text safe; the cut keeps it a reason phrase
                ? ": " + (text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text)
                : "";
        return switch (status) {
            case 401 -> AnthropicError.Type.AUTHENTICATION.error("authentication required" + reason);
            case 403 -> AnthropicError.Type.PERMISSION.error("refused by the server" + reason);
            case 408 -> AnthropicError.Type.REQUEST_TIMEOUT.error("the request did not arrive in time" + reason);
            case 413 -> AnthropicError.Type.REQUEST_TOO_LARGE.error("request too large" + reason);
            case 429 -> AnthropicError.Type.RATE_LIMIT.error("too many requests" + reason);
            default -> status >= 400 && status < 500
                    ? new AnthropicError(status, "invalid_request_error", "malformed request" + reason)
                    : new AnthropicError(500, "api_error", "internal error in Model Router; "
                            + "its log has the details under this answer's x-request-id");
        };
    }
}
