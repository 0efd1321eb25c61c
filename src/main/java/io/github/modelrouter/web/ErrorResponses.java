package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proxy's own error answers in Anthropic's envelope. Used synchronously by filters and
 * servlets that answer before going async, and by {@link ClientResponseWriter} to prepare a
 * response it then writes without blocking.
 */
final class ErrorResponses {

    /** The most of an unread body that is read and dropped after an early answer. */
    static final long DISCARD_LIMIT_BYTES = 1024 * 1024;
    /** How long an early answer waits for the rest of the body before the connection is closed. */
    static final Duration DISCARD_TIMEOUT = Duration.ofSeconds(2);

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
     * unknown path). A body still on the wire is then read and dropped ({@link BodyDiscarder}),
     * up to {@link #DISCARD_LIMIT_BYTES} and for at most {@link #DISCARD_TIMEOUT}, before the cycle
     * completes: closing over unread bytes would reset the connection, which can destroy the answer
     * before the client reads it, and leaving them would let the container close the connection
     * under a client that already reused it. A body declared larger than the limit is not read:
     * its answer says {@code connection: close}.
     */
    static void sendBeforeBody(HttpServletRequest request, HttpServletResponse response, AnthropicError error)
            throws IOException {
        long declared = request.getContentLengthLong();
        boolean bodyOnTheWire = declared > 0 || request.getHeader("transfer-encoding") != null;
        if (!bodyOnTheWire) {
            write(response, error, false);
            return;
        }
        if (declared > DISCARD_LIMIT_BYTES || !request.isAsyncSupported()
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            write(response, error, true);
            return;
        }
        write(response, error, false);
        // the answer leaves now, whatever the client does with the rest of its body
        response.flushBuffer();
        AsyncContext asyncContext = request.startAsync();
        asyncContext.setTimeout(DISCARD_TIMEOUT.toMillis());
        BodyDiscarder discarder = new BodyDiscarder(asyncContext, request.getInputStream(), DISCARD_LIMIT_BYTES);
        asyncContext.addListener(discarder);
        request.getInputStream().setReadListener(discarder);
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
