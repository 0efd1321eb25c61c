/**
 * Load benchmark of the whole proxy: the built WAR on embedded Jetty in its own JVM, a fast local
 * upstream speaking the Anthropic wire format, and a non-blocking load client that measures every
 * figure both directly (client → upstream) and through the proxy (client → proxy → upstream) in
 * the same run. Entry point: {@link io.github.modelrouter.load.LoadBenchmark}; the proxy JVM's entry
 * point: {@link io.github.modelrouter.load.ProxyMain}. Run with {@code mvn -Pload verify}
 * (src/site/BENCHMARKS-LOAD.md).
 *
 * <p>May import the JDK, Eclipse Jetty 12.0 (server, client, ee10 webapp) and the test fixture
 * {@code io.github.modelrouter.rewrite.ClaudeCodeRequestFixture}; never the proxy's own classes,
 * which it only reaches over HTTP.
 */
package io.github.modelrouter.load;
