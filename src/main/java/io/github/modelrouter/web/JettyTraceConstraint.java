package io.github.modelrouter.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EventListener;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lifts the security constraint Jetty's default descriptor puts on {@code TRACE}, for the router's
 * context only: Jetty answered it with a bare 403 and no body (Jetty writes no error body for a
 * method other than GET, POST and HEAD), where SPEC wants the envelope's 404 for any method the
 * router does not serve. {@link TraceRefusalFilter}, on every path, then refuses {@code TRACE}
 * itself, before any servlet (Jetty's default servlet would echo it).
 *
 * <p>Called from {@code WEB-INF/jetty-web.xml}, before the descriptors are applied: the constraint
 * is removed as the context's security handler starts, when every descriptor's constraints are in
 * it and none is in force yet. The web application cannot see Jetty's classes, so the listener is a
 * {@link Proxy} for Jetty's {@code LifeCycle.Listener} and the handler is used by reflection. On an
 * unexpected Jetty nothing changes (the bare 403 stays), with a warning.
 */
public final class JettyTraceConstraint {

    private static final System.Logger LOG = System.getLogger(JettyTraceConstraint.class.getName());

    private JettyTraceConstraint() {
    }

    /** Arranges the removal on {@code context} (a Jetty {@code ServletContextHandler}). */
    public static void lift(Object context) {
        try {
            Object security = context.getClass().getMethod("getSecurityHandler").invoke(context);
            if (security == null) {
                return;
            }
            ClassLoader jettyLoader = security.getClass().getClassLoader();
            Class<?> listenerType = Class.forName("org.eclipse.jetty.util.component.LifeCycle$Listener", false, jettyLoader);
            InvocationHandler onStarting = (proxy, method, args) -> {
                if (method.getName().equals("lifeCycleStarting")) {
                    removeTraceConstraints(security);
                    return null;
                }
                return switch (method.getName()) {
                    case "toString" -> JettyTraceConstraint.class.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
                };
            };
            Object listener = Proxy.newProxyInstance(jettyLoader, new Class<?>[] {listenerType}, onStarting);
            security.getClass().getMethod("addEventListener", EventListener.class).invoke(security, listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Jetty's TRACE constraint stays (" + e + ")");
        }
    }

    private static void removeTraceConstraints(Object security) {
        try {
            List<?> mappings = (List<?>) security.getClass().getMethod("getConstraintMappings").invoke(security);
            Set<Object> tracePaths = new HashSet<>();
            for (Object mapping : mappings) {
                if (forbidsTrace(mapping)) {
                    tracePaths.add(pathSpec(mapping));
                }
            }
            if (tracePaths.isEmpty()) {
                return;
            }
            List<Object> kept = new ArrayList<>(mappings.size());
            for (Object mapping : mappings) {
                // the default descriptor pairs its TRACE constraint with "everything but TRACE" on the
                // same path: without its pair, Jetty warns at every start that TRACE is uncovered there
                boolean pair = tracePaths.contains(pathSpec(mapping)) && (forbidsTrace(mapping) || allowsAllButTrace(mapping));
                if (!pair) {
                    kept.add(mapping);
                }
            }
            security.getClass().getMethod("setConstraintMappings", List.class).invoke(security, kept);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Jetty's TRACE constraint stays (" + e + ")");
        }
    }

    private static Object pathSpec(Object mapping) throws ReflectiveOperationException {
        return mapping.getClass().getMethod("getPathSpec").invoke(mapping);
    }

    /** A mapping for every method but TRACE that constrains nothing (no roles, no transport guarantee). */
    private static boolean allowsAllButTrace(Object mapping) throws ReflectiveOperationException {
        Object omissions = mapping.getClass().getMethod("getMethodOmissions").invoke(mapping);
        if (!(omissions instanceof String[] omitted) || !Arrays.equals(omitted, new String[] {"TRACE"})) {
            return false;
        }
        String authorization = constraintProperty(mapping, "getAuthorization");
        String transport = constraintProperty(mapping, "getTransport");
        return (authorization.equals("ALLOWED") || authorization.equals("INHERIT") || authorization.equals("null"))
                && (transport.equals("ANY") || transport.equals("INHERIT") || transport.equals("null"));
    }

    private static boolean forbidsTrace(Object mapping) throws ReflectiveOperationException {
        Object method = mapping.getClass().getMethod("getMethod").invoke(mapping);
        if (!"TRACE".equals(method)) {
            return false;
        }
        return "FORBIDDEN".equals(constraintProperty(mapping, "getAuthorization"));
    }

    /** A property of the mapping's constraint, read through Jetty's public interface (its class is private). */
    private static String constraintProperty(Object mapping, String getter) throws ReflectiveOperationException {
        Object constraint = mapping.getClass().getMethod("getConstraint").invoke(mapping);
        Method property = Class.forName("org.eclipse.jetty.security.Constraint", false,
                mapping.getClass().getClassLoader()).getMethod(getter);
        return String.valueOf(property.invoke(constraint));
    }
}
