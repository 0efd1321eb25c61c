package io.github.modelrouter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every response an {@code x-request-id} before anything else runs, so the proxy's own
 * errors (503 at the cap, 401, 404) carry it too. The id is read back from the response header,
 * which spares a string-keyed request attribute.
 */
final class RequestIdFilter extends HttpFilter {

    static final String HEADER = "x-request-id";

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        clientResponse.setHeader(HEADER, newId());
        chain.doFilter(clientRequest, clientResponse);
    }

    /** The id this filter gave the response. */
    static String requestId(HttpServletResponse clientResponse) {
        String id = clientResponse.getHeader(HEADER);
        return id != null ? id : newId();
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
