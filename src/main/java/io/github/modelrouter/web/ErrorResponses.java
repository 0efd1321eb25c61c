package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The proxy's own error answers in Anthropic's envelope. Used synchronously by filters and
 * servlets that answer before going async, and by {@link ClientResponseWriter} to prepare a
 * response it then writes without blocking.
 */
final class ErrorResponses {

    /** Seconds a client is asked to wait after a 503 at the concurrency cap. */
    static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {
    }

    /** Sets status and headers of an error answer; the body is written by the caller. */
    static void prepare(HttpServletResponse response, AnthropicError error, String requestId) {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(RequestIdFilter.HEADER, requestId);
        if (error.status() == 503) {
            response.setHeader("retry-after", RETRY_AFTER_SECONDS);
        }
        if (error.status() == 413) {
            // the rest of the body is not read; the connection cannot be reused
            response.setHeader("connection", "close");
        }
    }

    /** Writes a whole error answer from a container thread, outside async mode. */
    static void send(HttpServletResponse response, AnthropicError error) throws IOException {
        String requestId = RequestIdFilter.requestId(response);
        response.resetBuffer();
        prepare(response, error, requestId);
        byte[] body = error.toJsonBytes();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
