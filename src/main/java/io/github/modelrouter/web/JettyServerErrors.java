package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Jetty's server-level error handler for the requests Jetty 12 refuses before it chooses a web
 * application (its HTTP parser: a garbage method, an absolute-form target naming another host; its
 * URI compliance check: {@code //v1/messages}, {@code /v1/%2e%2e/metrics}, {@code %2f}, {@code %00}):
 * no {@code web.xml} error page can apply to those, and Jetty would answer with its HTML page.
 * Installed by {@code WEB-INF/jetty-web.xml}, which every Jetty deployment of the WAR applies (the
 * Jetty base, {@code mvn jetty:run}, embedded Jetty), and ignored by every other container.
 *
 * <p>A refusal whose target lies under the router's context path, or whose request line could not
 * be read at all (it belongs to no web application), gets the Anthropic envelope with the status
 * Jetty chose ({@link ErrorPageServlet#error}, the one mapping of a container's status to an
 * envelope). Anything else goes to the handler that was there before, so a web application beside
 * the router on a shared Jetty keeps its own pages; the previous handler is put back when the
 * router's context stops.
 *
 * <p>The web application cannot see Jetty's server classes (they are hidden from it), so the
 * handler is a {@link Proxy} for Jetty's {@code Request.Handler} interface, and Jetty's request and
 * response are used through their public interfaces by reflection. This runs only for refused
 * requests, never on the proxy path.
 */
public final class JettyServerErrors implements InvocationHandler {

    private static final System.Logger LOG = System.getLogger(JettyServerErrors.class.getName());
    private static final String ERROR_STATUS = "org.eclipse.jetty.server.error_status";
    private static final String ERROR_MESSAGE = "org.eclipse.jetty.server.error_message";
    /** What Jetty 12.0's parser puts in place of a target it refused (HttpConnection.badMessage). */
    private static final java.util.Set<String> UNREAD_TARGETS = java.util.Set.of("/badURI", "/badMessage");

    private final Object previous;
    private final String contextPath;
    private final Jetty jetty;
    /** False once the router's context stopped: a handler still chained behind another passes everything on. */
    private volatile boolean active = true;

    private JettyServerErrors(Object previous, String contextPath, Jetty jetty) {
        this.previous = previous;
        this.contextPath = contextPath;
        this.jetty = jetty;
    }

    /**
     * Makes the envelope the answer to the refusals of the server that holds {@code context} (a
     * Jetty {@code ContextHandler}), until the context stops. Called from {@code WEB-INF/jetty-web.xml}.
     */
    public static void install(Object context) {
        try {
            Object server = context.getClass().getMethod("getServer").invoke(context);
            ClassLoader jettyLoader = server.getClass().getClassLoader();
            Jetty jetty = new Jetty(jettyLoader);
            String path = (String) context.getClass().getMethod("getContextPath").invoke(context);
            Method getErrorHandler = server.getClass().getMethod("getErrorHandler");
            Method setErrorHandler = server.getClass().getMethod("setErrorHandler", jetty.handlerType);
            Object previous = getErrorHandler.invoke(server);
            JettyServerErrors errors = new JettyServerErrors(previous, path == null || path.equals("/") ? "" : path, jetty);
            Object handler = Proxy.newProxyInstance(jettyLoader, new Class<?>[] {jetty.handlerType}, errors);
            setErrorHandler.invoke(server, handler);
            // put the previous handler back when the router's context stops (an undeploy, a redeploy);
            // if another was installed over it meanwhile, this one stays in that chain, passing all on
            Object listener = Proxy.newProxyInstance(jettyLoader, new Class<?>[] {jetty.lifeCycleListener},
                    (proxy, method, args) -> {
                        if (method.getName().equals("lifeCycleStopped")) {
                            errors.active = false;
                            if (getErrorHandler.invoke(server) == handler) {
                                setErrorHandler.invoke(server, previous);
                            }
                            return null;
                        }
                        return objectMethod(proxy, method, args, "context-stop listener of " + JettyServerErrors.class.getSimpleName());
                    });
            context.getClass().getMethod("addEventListener", java.util.EventListener.class).invoke(context, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an unknown Jetty: its own error pages stay, nothing else changes
            LOG.log(System.Logger.Level.WARNING, "Jetty's server-level error pages stay HTML (" + e + ")");
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("handle") && args != null && args.length == 3) {
            return handle(args[0], args[1], args[2]);
        }
        // getInvocationType keeps its default (BLOCKING): the previous handler it may pass a request
        // to declares nothing better
        return objectMethod(proxy, method, args, JettyServerErrors.class.getSimpleName() + " for " + contextPath + "/");
    }

    private boolean handle(Object request, Object response, Object callback) throws Throwable {
        String method = (String) call(jetty.getMethod, request);
        Object uri = call(jetty.getHttpURI, request);
        String path = uri == null ? null : (String) call(jetty.getPath, uri);
        if (UNREAD_TARGETS.contains(path)) {
            // Jetty 12.0's stand-ins for a target its parser refused: the real one is not known
            path = null;
        }
        if ((!active || path != null && !ours(path)) && previous != null) {
            return (Boolean) call(jetty.handle, previous, request, response, callback);
        }
        Object code = call(jetty.getAttribute, request, ERROR_STATUS);
        int status = code instanceof Integer number ? number : (Integer) call(jetty.getStatus, response);
        String target = (method == null ? "?" : method) + " " + (path == null ? "(unreadable request line)" : path);
        AnthropicError error = ErrorPageServlet.error(status, target, call(jetty.getAttribute, request, ERROR_MESSAGE));
        byte[] body = error.toJsonBytes();
        call(jetty.setStatus, response, error.status());
        Object headers = call(jetty.getHeaders, response);
        for (Map.Entry<String, String> header : ErrorResponses.headers(error)) {
            call(jetty.put, headers, header.getKey(), header.getValue());
        }
        call(jetty.put, headers, RequestIdFilter.HEADER, RequestIdFilter.newId());
        call(jetty.put, headers, "content-length", Integer.toString(body.length));
        call(jetty.write, response, true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private boolean ours(String path) {
        return contextPath.isEmpty() || path.equals(contextPath) || path.startsWith(contextPath + "/");
    }

    private static Object call(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String name) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            // the interfaces' other methods have defaults (a lifecycle listener's other events)
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }

    /** Jetty's types and methods as the server's class loader sees them. */
    private static final class Jetty {
        final Class<?> handlerType;
        final Class<?> lifeCycleListener;
        final Method handle;
        final Method getMethod;
        final Method getHttpURI;
        final Method getAttribute;
        final Method getPath;
        final Method getStatus;
        final Method setStatus;
        final Method getHeaders;
        final Method put;
        final Method write;

        Jetty(ClassLoader loader) throws ReflectiveOperationException {
            handlerType = Class.forName("org.eclipse.jetty.server.Request$Handler", false, loader);
            lifeCycleListener = Class.forName("org.eclipse.jetty.util.component.LifeCycle$Listener", false, loader);
            Class<?> request = Class.forName("org.eclipse.jetty.server.Request", false, loader);
            Class<?> response = Class.forName("org.eclipse.jetty.server.Response", false, loader);
            Class<?> callback = Class.forName("org.eclipse.jetty.util.Callback", false, loader);
            handle = handlerType.getMethod("handle", request, response, callback);
            getMethod = request.getMethod("getMethod");
            getHttpURI = request.getMethod("getHttpURI");
            getAttribute = request.getMethod("getAttribute", String.class);
            getPath = Class.forName("org.eclipse.jetty.http.HttpURI", false, loader).getMethod("getPath");
            getStatus = response.getMethod("getStatus");
            setStatus = response.getMethod("setStatus", int.class);
            getHeaders = response.getMethod("getHeaders");
            put = Class.forName("org.eclipse.jetty.http.HttpFields$Mutable", false, loader)
                    .getMethod("put", String.class, String.class);
            write = response.getMethod("write", boolean.class, ByteBuffer.class, callback);
        }
    }
}
