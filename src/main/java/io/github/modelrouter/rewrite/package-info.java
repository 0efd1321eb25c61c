/**
 * The request rewrite: the client's JSON body parsed once ({@link
 * io.github.modelrouter.rewrite.ClientRequestBody}), turned into the body a route's upstream
 * accepts ({@link io.github.modelrouter.rewrite.RequestRewriter}: model swap, field stripping,
 * thinking policies), the local count_tokens estimate ({@link
 * io.github.modelrouter.rewrite.TokenEstimator}), and the header policies on both sides of the
 * proxy ({@link io.github.modelrouter.rewrite.UpstreamHeaders}, {@link
 * io.github.modelrouter.rewrite.ResponseHeaders}).
 *
 * <p>Everything here is a pure function of its arguments: no I/O, no servlet or HTTP client
 * types, no static mutable state, so it is unit-tested without a container and benchmarked with
 * JMH. The JSON tree keeps every number as the client wrote it and is written by a serializer of
 * our own, because JSON-P's {@code BigDecimal}-based numbers change {@code 1e-7} into {@code 1E-7}.
 *
 * <p>May import: the JDK, {@code io.github.modelrouter.config}, {@code io.github.modelrouter.route}
 * and {@code jakarta.json} (the API only; Parsson is found through {@code JsonProvider}).
 */
package io.github.modelrouter.rewrite;
