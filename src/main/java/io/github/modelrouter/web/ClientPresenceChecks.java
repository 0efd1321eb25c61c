package io.github.modelrouter.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Finds the {@link ClientPresence.Check} for a request's connection, per container. The Servlet
 * API has no way to ask whether the client of a request that has been read in full is still
 * there, so each container is met where it reads:
 *
 * <ul>
 *   <li><b>Tomcat</b>: {@link ServletInputStream#available()} with a
 *       {@code ReadListener} set makes a non-blocking read of the socket once the body is
 *       consumed. A closed or reset connection then reports a byte available (Tomcat turns the
 *       end-of-stream into "read again to see the error"), as do bytes of a next request, which
 *       Tomcat keeps in its own buffer. Servlet API only.</li>
 *   <li><b>Jetty</b>: {@code available()} does not read there, so the check makes one non-blocking
 *       {@code fill} on the connection's Jetty {@code EndPoint}, reached by reflection through
 *       public Jetty methods ({@code ServletApiRequest.getRequest()}, {@code
 *       getConnectionMetaData().getConnection().getEndPoint()}), because a web application does
 *       not see Jetty's server classes (its class loader hides them). {@code -1} or an I/O error is
 *       a client that left; bytes are a next request, consumed by the look.</li>
 * </ul>
 *
 * <p>Other containers (WildFly's Undertow, Payara's Grizzly) are not looked at: there a client
 * that leaves before the head is still seen only when the answer begins.
 *
 * <p>Either way, bytes after a complete request while its answer is pending count as the client
 * having left: RFC 9112 (9.3.2) says a client SHOULD NOT pipeline after a non-idempotent method,
 * and both endpoints here are {@code POST}. No client of the Anthropic API pipelines. An HTTP/2
 * request is never looked at: its container sees the stream reset.
 *
 * <p>Thread-safe; the reflective lookup is made once per request class.
 */
final class ClientPresenceChecks {

    private final ClassValue<Optional<JettyEndPoints>> jetty = new ClassValue<>() {
        @Override
        protected Optional<JettyEndPoints> computeValue(Class<?> type) {
            return JettyEndPoints.of(type);
        }
    };

    /** The check for {@code request}'s connection, whose body is read through {@code input}. */
    ClientPresence.Check of(ServletRequest request, ServletInputStream input) {
        String protocol = request.getProtocol();
        if (!"HTTP/1.1".equals(protocol) && !"HTTP/1.0".equals(protocol)) {
            return ClientPresence.NONE;
        }
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        if (inner.getClass().getName().startsWith("org.eclipse.jetty.")) {
            ServletRequest jettyRequest = inner;
            return jetty.get(inner.getClass()).map(access -> access.check(jettyRequest)).orElse(ClientPresence.NONE);
        }
        // Payara's web container shares Tomcat's class names but reads through Grizzly
        if (inner.getClass().getName().startsWith("org.apache.catalina.")
                && request.getServletContext().getServerInfo().startsWith("Apache Tomcat")) {
            return () -> {
                try {
                    return input.available() > 0;
                } catch (IOException | IllegalStateException e) {
                    return true;
                }
            };
        }
        // other containers (Undertow, Grizzly) may answer available() without reading, or count the
        // end of the body as a byte: such a check could cancel a healthy exchange, so none is made
        return ClientPresence.NONE;
    }

    /** Jetty's public methods from a servlet request to its connection's end point. */
    private record JettyEndPoints(Method coreRequest, Method connectionMetaData, Method connection, Method endPoint,
                                  Method fill) {

        static Optional<JettyEndPoints> of(Class<?> servletRequestType) {
            try {
                ClassLoader jettyLoader = servletRequestType.getClassLoader();
                Method coreRequest = servletRequestType.getMethod("getRequest");
                Class<?> request = Class.forName("org.eclipse.jetty.server.Request", false, jettyLoader);
                Class<?> metaData = Class.forName("org.eclipse.jetty.server.ConnectionMetaData", false, jettyLoader);
                Class<?> connection = Class.forName("org.eclipse.jetty.io.Connection", false, jettyLoader);
                Class<?> endPoint = Class.forName("org.eclipse.jetty.io.EndPoint", false, jettyLoader);
                if (!request.isAssignableFrom(coreRequest.getReturnType())) {
                    return Optional.empty();
                }
                return Optional.of(new JettyEndPoints(coreRequest, request.getMethod("getConnectionMetaData"),
                        metaData.getMethod("getConnection"), connection.getMethod("getEndPoint"),
                        endPoint.getMethod("fill", ByteBuffer.class)));
            } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
                // another Jetty line, or a container that wraps Jetty: such a client is seen at the head, as before
                return Optional.empty();
            }
        }

        ClientPresence.Check check(ServletRequest servletRequest) {
            Object endPointOfRequest;
            try {
                Object core = coreRequest.invoke(servletRequest);
                endPointOfRequest = endPoint.invoke(connection.invoke(connectionMetaData.invoke(core)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return ClientPresence.NONE;
            }
            if (endPointOfRequest == null) {
                return ClientPresence.NONE;
            }
            // Jetty's buffer convention: the content is position..limit, and fill appends after it
            ByteBuffer scratch = ByteBuffer.allocate(64);
            return () -> {
                scratch.clear().limit(0);
                try {
                    return (int) fill.invoke(endPointOfRequest, scratch) != 0;
                } catch (InvocationTargetException failed) {
                    return true; // reset, or the end point already closed
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return false;
                }
            };
        }
    }
}
