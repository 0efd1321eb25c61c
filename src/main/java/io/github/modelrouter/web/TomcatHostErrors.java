package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tomcat's answer to the requests it refuses before any web application runs (its request-line
 * parser: a garbage method; the URI check before the valves: {@code %2f}, {@code %00}; an
 * absolute-form target naming another host): Tomcat maps those to its {@code Host} only, where
 * its {@code ErrorReportValve} writes an HTML page, for a garbage method with a stack trace. No
 * {@code web.xml} error page can apply to them.
 *
 * <p>Installed on Tomcat only (by {@link RouterContextListener}), this is a valve in the Host's
 * pipeline, after the {@code ErrorReportValve}, so that it sees an error answer first: when the
 * refused request belongs to the router (mapped to its context, or to no context with a target
 * under the router's context path or no readable target at all) and nothing was written yet, it
 * writes the Anthropic envelope with the status Tomcat chose ({@link ErrorPageServlet#error}) and
 * marks the error reported, so the {@code ErrorReportValve} adds nothing. Any other request
 * passes untouched, so a web application beside the router keeps Tomcat's pages. The valve is
 * removed when the router's context is destroyed.
 *
 * <p>It is a {@link Proxy} for Tomcat's {@code Valve} interface, and Tomcat's request and
 * response are used by reflection beyond the servlet API, so the router needs no Tomcat classes to
 * compile or to run elsewhere. This runs only for refused requests' error answers.
 */
final class TomcatHostErrors implements InvocationHandler {

    private static final System.Logger LOG = System.getLogger(TomcatHostErrors.class.getName());

    private final Object routerContext;
    private final String contextPath;
    private final Method invoke;
    private volatile Object next;

    private TomcatHostErrors(Object routerContext, String contextPath, Method invoke) {
        this.routerContext = routerContext;
        this.contextPath = contextPath;
        this.invoke = invoke;
    }

    /**
     * Adds the valve to the Host of {@code servletContext} when it is Tomcat's; returns what removes
     * it again, or a no-op anywhere else (or on a Tomcat whose internals are not the expected ones,
     * which keeps its own pages).
     */
    static Runnable install(ServletContext servletContext) {
        if (!servletContext.getClass().getName().startsWith("org.apache.catalina.")
                || !servletContext.getServerInfo().startsWith("Apache Tomcat")) {
            return () -> { };
        }
        try {
            Object applicationContext = field(servletContext, "context");
            Object standardContext = field(applicationContext, "context");
            Object host = standardContext.getClass().getMethod("getParent").invoke(standardContext);
            Object pipeline = host.getClass().getMethod("getPipeline").invoke(host);
            ClassLoader tomcatLoader = standardContext.getClass().getClassLoader();
            Class<?> valveType = Class.forName("org.apache.catalina.Valve", false, tomcatLoader);
            Method invoke = valveType.getMethod("invoke", Class.forName("org.apache.catalina.connector.Request", false,
                    tomcatLoader), Class.forName("org.apache.catalina.connector.Response", false, tomcatLoader));
            String path = servletContext.getContextPath();
            Object valve = Proxy.newProxyInstance(tomcatLoader, new Class<?>[] {valveType},
                    new TomcatHostErrors(standardContext, path, invoke));
            Method addValve = pipeline.getClass().getMethod("addValve", valveType);
            Method removeValve = pipeline.getClass().getMethod("removeValve", valveType);
            addValve.invoke(pipeline, valve);
            return () -> {
                try {
                    removeValve.invoke(pipeline, valve);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not remove the router's error valve from Tomcat's host (" + e + ")");
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Tomcat's host-level error pages stay HTML (" + e + ")");
            return () -> { };
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "invoke" -> {
                call(invoke, next, args[0], args[1]);
                afterward((HttpServletRequest) args[0], (HttpServletResponse) args[1]);
                yield null;
            }
            case "getNext" -> next;
            case "setNext" -> {
                next = args[0];
                yield null;
            }
            // every valve of a pipeline must allow async, or no request on the host can go async
            case "isAsyncSupported" -> true;
            case "backgroundProcess" -> null;
            case "toString" -> TomcatHostErrors.class.getSimpleName() + " for " + contextPath + "/";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    /** After the rest of the pipeline: the envelope in place of Tomcat's page, where it is the router's. */
    private void afterward(HttpServletRequest request, HttpServletResponse response) throws Throwable {
        // the ErrorReportValve's own guards: an answer under way (committed, or still being written by
        // an async cycle, such as the error page reading away a body) is not touched
        if (response.isCommitted() || request.isAsyncStarted() || response.getStatus() < 400
                || !(Boolean) call(response, "isError")
                || (Long) call(response, "getContentWritten") > 0 || !ours(request)
                || !(Boolean) call(response, "setErrorReported")) {
            return;
        }
        String method = request.getMethod();
        String uri = request.getRequestURI();
        String target = (method == null || method.isEmpty() ? "?" : method) + " "
                + (uri == null || uri.isEmpty() ? "(unreadable request line)" : uri);
        AnthropicError error = ErrorPageServlet.error(response.getStatus(), target,
                request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message ? message
                        : call(response, "getMessage"));
        byte[] body = error.toJsonBytes();
        // sendError suspended the response; the error report is what is written now
        response.getClass().getMethod("setSuspended", boolean.class).invoke(response, false);
        response.resetBuffer();
        response.setStatus(error.status());
        for (Map.Entry<String, String> header : ErrorResponses.headers(error)) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.newId());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        PrintWriter writer = (PrintWriter) call(response, "getReporter");
        if (writer != null) {
            writer.write(new String(body, StandardCharsets.UTF_8));
            call(response, "finishResponse");
        }
    }

    private boolean ours(HttpServletRequest request) throws Throwable {
        Object context = call(request, "getContext");
        if (context != null) {
            return context == routerContext;
        }
        String uri = request.getRequestURI();
        return uri == null || uri.isEmpty() || contextPath.isEmpty() || uri.equals(contextPath)
                || uri.startsWith(contextPath + "/");
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    private static Object call(Object target, String name) throws Throwable {
        return call(target.getClass().getMethod(name), target);
    }

    private static Object call(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
