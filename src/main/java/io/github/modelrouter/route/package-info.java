/**
 * Routing: which upstream route serves a model, and with which key. {@link
 * io.github.modelrouter.route.RouteTable} resolves a request's {@code model} to a
 * {@link io.github.modelrouter.config.RouteConfig} (keywords, {@code re:} patterns, configured
 * order, default route), gives each route's fallback chain, and holds per route a
 * {@link io.github.modelrouter.route.KeyRing} that rotates its API keys and sets rejected ones aside.
 *
 * <p>May import: the JDK and {@code io.github.modelrouter.config} only. No I/O, no servlet or HTTP
 * client types; everything here is safe to call from any thread without blocking.
 */
package io.github.modelrouter.route;
