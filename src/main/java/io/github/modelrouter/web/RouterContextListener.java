package io.github.modelrouter.web;

import io.github.modelrouter.config.ConfigValidationException;
import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.RouterConfigLoader;
import io.github.modelrouter.json.BufferPool;
import io.github.modelrouter.rewrite.RequestRewriter;
import io.github.modelrouter.rewrite.TokenEstimator;
import io.github.modelrouter.route.RoutePlanner;
import io.github.modelrouter.route.RouteTable;
import io.github.modelrouter.state.MemoryRouterState;
import io.github.modelrouter.state.RedisRouterState;
import io.github.modelrouter.state.RouterState;
import io.github.modelrouter.upstream.DeadlineSweep;
import io.github.modelrouter.stream.KeepAliveSweep;
import io.github.modelrouter.upstream.UpstreamClient;
import io.smallrye.config.SmallRyeConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;

/**
 * The composition root: on deployment it reads MicroProfile Config (with the webapp's class loader
 * current), validates it into a {@link RouterConfig} (a bad configuration fails the deployment with
 * one message listing every problem), builds the shared collaborators and registers the filters and
 * servlets with them by constructor. On undeployment it waits for the requests still in flight (up
 * to {@link #DRAIN_LIMIT}), closes the upstream client and releases the configuration.
 *
 * <p>Declared in {@code web.xml}, so it works whether or not the container scans annotations.
 */
public final class RouterContextListener implements ServletContextListener {

    /**
     * How long undeployment waits for exchanges still in flight (streams included) before it closes
     * the upstream client: SPEC's grace period. Jetty (graceful stop) and Tomcat (unloadDelay) and
     * WildFly (suspend on SIGTERM) have already drained by then, so this wait is over at once there;
     * a server that undeploys without draining (Payara) gets its streams finished here.
     */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    /**
     * Hard cap on answer bytes buffered per exchange for a client that stopped reading. In steady
     * state an exchange holds at most the 64 KiB upstream window plus 32 KiB queued for the client;
     * the cap only bounds HttpClient's HTTP/1.1 read bursts, which drain whatever the upstream's
     * socket has queued (its send buffer, autotuned up to 4 MiB on Linux, plus our 128 KiB receive
     * buffer) regardless of the window. Measured bursts on Jetty and Tomcat stayed under 4.5 MiB.
     */
    static final long MAX_BUFFERED_ANSWER_BYTES = 8L * 1024 * 1024;
    /** How late a body deadline or a total timeout may fire: invisible next to whole seconds. */
    static final Duration DEADLINE_TICK = Duration.ofMillis(50);

    /** How often the keep-alive sweep looks at the open streams: a ping is at most this late. */
    static final Duration KEEPALIVE_SWEEP = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger("io.github.modelrouter");

    private DeploymentConfig deploymentConfig;
    private RouterServices services;
    private ConcurrencyLimitFilter inFlight;
    /** Takes the router's error valve off Tomcat's host again (a no-op elsewhere); null before start. */
    private Runnable hostErrors;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        RouterConfig config;
        try {
            deploymentConfig = DeploymentConfig.open(classLoader, System::getenv);
            // Keys are looked up by variable name through MicroProfile Config, which reads the
            // environment first-class and also lets an operator file or secret source hold them.
            SmallRyeConfig lookup = deploymentConfig.config();
            config = new RouterConfigLoader(name -> lookup.getOptionalValue(name, String.class).orElse(null))
                    .load(lookup);
        } catch (ConfigValidationException e) {
            // the server's log gets the whole message even where the server shows only the cause's class
            LOG.log(Level.ERROR, e.getMessage());
            releaseConfig();
            throw e;
        }
        services = services(config);
        inFlight = new ConcurrencyLimitFilter(config.maxConcurrent(), services.metrics());
        register(context, services, inFlight, DemoUpstreamServlet.enabled(deploymentConfig.config()));
        // Jetty's counterpart is installed by WEB-INF/jetty-web.xml (JettyServerErrors)
        hostErrors = TomcatHostErrors.install(context);
        LOG.log(Level.INFO, "Model Router ready: " + config.routes().stream()
                .map(r -> r.name() + " -> " + r.label() + " " + r.messagesUri() + (r.hasKey() ? "" : " (no key)")
                        + r.transport().proxy().map(p -> " via proxy " + p.address()).orElse(""))
                .collect(Collectors.joining("; ")) + "; state: " + services.state().backend());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (hostErrors != null) {
            hostErrors.run();
            hostErrors = null;
        }
        if (services != null) {
            drain();
            // what is still open after the grace period is cut here
            services.upstream().close(Duration.ofSeconds(1));
            services.state().close();
            services.deadlines().close();
            // queued log lines are written; retries that have not started are dropped
            services.accessLog().close();
            services.scheduler().shutdown();
            try {
                services.scheduler().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseConfig();
    }

    /** Waits, up to {@link #DRAIN_LIMIT}, until no exchange is in flight on {@code /v1/*}. */
    private void drain() {
        int open = services.metrics().inFlight();
        if (open == 0) {
            return;
        }
        LOG.log(Level.INFO, "Undeploying: waiting up to " + DRAIN_LIMIT.toSeconds() + " s for " + open
                + " request(s) in flight to finish");
        try {
            boolean drained = inFlight.drain(DRAIN_LIMIT);
            LOG.log(drained ? Level.INFO : Level.WARNING, drained ? "Requests in flight finished"
                    : services.metrics().inFlight() + " request(s) still in flight after " + DRAIN_LIMIT.toSeconds()
                            + " s are cut");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseConfig() {
        if (deploymentConfig != null) {
            deploymentConfig.close();
            deploymentConfig = null;
        }
    }

    private static RouterServices services(RouterConfig config) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "model-router-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Enough connections that the cap, not the pool, limits concurrency.
        DeadlineSweep deadlines = new DeadlineSweep("model-router-deadlines", DEADLINE_TICK);
        UpstreamClient upstream = new UpstreamClient(Math.max(config.maxConcurrent() * 2, 20), MAX_BUFFERED_ANSWER_BYTES,
                config.routes().stream().map(RouteConfig::transport).distinct().toList(), deadlines);
        ClientDirectory clients = new ClientDirectory(config);
        java.util.List<String> clientNames = new java.util.ArrayList<>();
        clients.clients().forEach(client -> clientNames.add(client.name()));
        clientNames.add(ClientDirectory.ANONYMOUS);
        RouterMetrics metrics = new RouterMetrics(config.routes().stream().map(RouteConfig::name).toList(), clientNames);
        metrics.watch(upstream);
        RouterState state = config.budgets().state().redis()
                ? new RedisRouterState(config.budgets().state(), config.budgets().stateTimeout())
                : new MemoryRouterState();
        RouteTable routes = new RouteTable(config);
        RoutePlanner planner = new RoutePlanner(routes, System::nanoTime, metrics::fallback, state);
        Costs costs = new Costs(config.budgets(), metrics, new CostLedger(System::currentTimeMillis), state);
        KeepAliveSweep keepAlive = new KeepAliveSweep(System::nanoTime);
        // one periodic sweep for every stream's pings: no timer is scheduled per request or per event
        scheduler.scheduleWithFixedDelay(keepAlive, KEEPALIVE_SWEEP.toMillis(), KEEPALIVE_SWEEP.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return new RouterServices(config, routes, new RequestRewriter(new BufferPool()), new TokenEstimator(),
                upstream, scheduler, deadlines, metrics, planner, new AccessLog(scheduler), state, clients, costs,
                keepAlive, new ClientPresenceChecks());
    }

    private static void register(ServletContext context, RouterServices services, ConcurrencyLimitFilter inFlight,
            boolean demoEnabled) {
        RouterConfig config = services.config();
        filter(context, "request-id", new RequestIdFilter(), "/*");
        filter(context, "no-trace", new TraceRefusalFilter(), "/*");
        filter(context, "concurrency-limit", inFlight, "/v1/*");
        filter(context, "open-port", new OpenPortFilter(config.openPort(), !config.inboundTokens().isEmpty()), "/*");
        filter(context, "client-auth", new ClientAuthFilter(services.clients()), "/v1/*", "/metrics", "/metrics/*");
        servlet(context, "messages", new MessagesServlet(services), "/v1/*");
        servlet(context, "health", new HealthServlet(services), "/health");
        servlet(context, "metrics", new MetricsServlet(services), "/metrics", "/metrics/*");
        servlet(context, "error-page", new ErrorPageServlet(), ErrorPageServlet.PATH);
        servlet(context, "abort", new AbortServlet(), AbortServlet.PATH);
        // --- demo profile (src/site/RUNNING.md): the keyless demo upstream exists only when
        // router.demo.enabled=true, which only the %demo. section of the WAR's configuration sets.
        // Otherwise it is not registered at all, so /demo/... is a plain 404.
        if (demoEnabled) {
            servlet(context, "demo-upstream", new DemoUpstreamServlet(), DemoUpstreamServlet.PATH);
            LOG.log(Level.WARNING, "demo upstream enabled at " + DemoUpstreamServlet.PATH + ": answers are canned");
        }
        // --- end demo profile
    }

    private static void filter(ServletContext context, String name, jakarta.servlet.Filter filter, String... patterns) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, patterns);
    }

    private static void servlet(ServletContext context, String name, jakarta.servlet.Servlet servlet, String... patterns) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(patterns);
    }
}
