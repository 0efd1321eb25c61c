/**
 * Routing: which upstream route serves a model, and with which key. {@link
 * io.github.modelrouter.route.RouteTable} resolves a request's {@code model} to a
 * {@link io.github.modelrouter.config.RouteConfig} (keywords, {@code re:} patterns, configured
 * order, default route), gives each route's fallback chain, and holds per route a
 * {@link io.github.modelrouter.route.KeyRing} that rotates its API keys and sets rejected ones aside.
 * Routing rules are evaluated here ({@code RuleBook}) against {@link io.github.modelrouter.route.RequestFacts},
 * which the rewrite package answers over the scanned body, computing costly facts only when asked.
 *
 * <p>State shared with other replicas (key cool-downs, avoided routes) is read and written only
 * through {@link io.github.modelrouter.state.RouterState}, never through its implementations.
 *
 * <p>May import: the JDK, {@code io.github.modelrouter.config}, and
 * {@code io.github.modelrouter.state.RouterState} only (no Lettuce). No I/O, no servlet or HTTP
 * client types; everything here is safe to call from any thread without blocking.
 */
package io.github.modelrouter.route;
