/**
 * The servlet side: the composition root ({@link io.github.modelrouter.web.RouterContextListener}),
 * filters (request id, concurrency cap, inbound auth), the async messages servlet and its
 * per-request {@code ProxyExchange}, the non-blocking client writer, health, metrics and the error
 * envelope. The only package that imports {@code jakarta.servlet}; it may import every other
 * package of the router.
 */
package io.github.modelrouter.web;
