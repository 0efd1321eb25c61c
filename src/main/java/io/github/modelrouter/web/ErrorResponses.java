package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The headers of an error answer besides {@code x-request-id}. */
    static List<Map.Entry<String, String>> headers(AnthropicError error) {
        return headers(error, null);
    }

    /** The same, with the error's own {@code retry-after} (a 429 over a client's limit), or null. */
    static List<Map.Entry<String, String>> headers(AnthropicError error, String retryAfter) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(3);
        headers.add(Map.entry("content-type", "application/json"));
        if (retryAfter != null) {
            headers.add(Map.entry("retry-after", retryAfter));
        } else if (error.status() == 503) {
            headers.add(Map.entry("retry-after", RETRY_AFTER_SECONDS));
        }
        if (error.status() == 413 || error.status() == 408) {
            // the rest of the body is not read; the connection cannot be reused
            headers.add(Map.entry("connection", "close"));
        }
        return headers;
    }

    /** Sets status and headers of an error answer; the body is written by the caller. */
    static void prepare(HttpServletResponse response, AnthropicError error, String requestId) {
        prepare(response, error, requestId, null);
    }

    static void prepare(HttpServletResponse response, AnthropicError error, String requestId, String retryAfter) {
        response.setStatus(error.status());
        response.setHeader(RequestIdFilter.HEADER, requestId);
        for (Map.Entry<String, String> header : headers(error, retryAfter)) {
            response.setHeader(header.getKey(), header.getValue());
        }
    }

    /**
     * Writes a whole error answer to a request whose body was not read (a filter's refusal, an
     * unknown path). With a body still on the wire the connection is closed after the answer:
     * the container would otherwise close it under a client that has already reused it for its
     * next request, which then fails with no response at all.
     */
    static void sendBeforeBody(HttpServletRequest request, HttpServletResponse response, AnthropicError error)
            throws IOException {
        boolean bodyOnTheWire = request.getContentLengthLong() > 0 || request.getHeader("transfer-encoding") != null;
        write(response, error, bodyOnTheWire);
    }

    /** Writes a whole error answer from a container thread, outside async mode. */
    static void send(HttpServletResponse response, AnthropicError error) throws IOException {
        write(response, error, false);
    }

    private static void write(HttpServletResponse response, AnthropicError error, boolean closeConnection)
            throws IOException {
        String requestId = RequestIdFilter.requestId(response);
        response.resetBuffer();
        prepare(response, error, requestId);
        if (closeConnection) {
            response.setHeader("connection", "close");
        }
        byte[] body = error.toJsonBytes();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
