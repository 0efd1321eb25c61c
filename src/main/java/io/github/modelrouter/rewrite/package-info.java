/**
 * The request rewrite: the client's JSON body scanned once ({@link
 * io.github.modelrouter.rewrite.ClientRequestBody}), turned into the body a route's upstream
 * accepts ({@link io.github.modelrouter.rewrite.RequestRewriter}: model swap, field stripping,
 * thinking policies), the local count_tokens estimate ({@link
 * io.github.modelrouter.rewrite.TokenEstimator}), and the header policies on both sides of the
 * proxy ({@link io.github.modelrouter.rewrite.UpstreamHeaders}, {@link
 * io.github.modelrouter.rewrite.ResponseHeaders}).
 *
 * <p>Everything here is a pure function of its arguments: no I/O, no servlet or HTTP client
 * types, no static mutable state, so it is unit-tested without a container and benchmarked with
 * JMH. The rewrite splices the spans of the client's own bytes ({@code io.github.modelrouter.json}),
 * so numbers, Unicode and untouched subtrees go out exactly as the client wrote them.
 *
 * <p>May import: the JDK, {@code io.github.modelrouter.config}, {@code io.github.modelrouter.route}
 * and {@code io.github.modelrouter.json}.
 */
package io.github.modelrouter.rewrite;
