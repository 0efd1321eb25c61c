/**
 * The upstream side of an exchange: the Apache HttpClient 5 async client, per-request connect,
 * idle and total timeouts, and a streaming response consumer that grants the upstream credit only
 * as the client side drains. The only package that imports {@code org.apache.hc}; it may import
 * {@code config} and the JDK, and knows nothing of servlets, JSON or SSE.
 */
package io.github.modelrouter.upstream;
