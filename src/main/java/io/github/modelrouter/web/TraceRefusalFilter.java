package io.github.modelrouter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses {@code TRACE} (and Microsoft's {@code TRACK}) on every path with SPEC's answer for a
 * method the router does not serve, a 404 {@code not_found_error}, before any servlet can run:
 * a server that echoes a request back (the container's default servlet does, for {@code TRACE})
 * hands whoever sends it the request's headers, tokens included. The router never echoes.
 *
 * <p>The one rule for every container: Tomcat refuses {@code TRACE} at its connector before this
 * filter, and on Jetty the WAR lifts Jetty's own {@code TRACE} constraint, which answered with a
 * bare 403 and no envelope, so that this filter answers ({@link JettyTraceConstraint}).
 */
final class TraceRefusalFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        String method = clientRequest.getMethod();
        if ("TRACE".equals(method) || "TRACK".equals(method)) {
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse,
                    ErrorPageServlet.error(HttpServletResponse.SC_NOT_FOUND, method + " " + clientRequest.getRequestURI(), null));
            return;
        }
        chain.doFilter(clientRequest, clientResponse);
    }
}
