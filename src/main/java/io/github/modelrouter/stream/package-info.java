/**
 * The stream stage: what happens to the upstream's answer body on its way to the client.
 *
 * <p>Holds the {@link io.github.modelrouter.stream.BodyTransformer} contract and its
 * implementations: {@link io.github.modelrouter.stream.SseEventFilter} (streamed answers, event by
 * event, built on the byte-level {@link io.github.modelrouter.stream.SseParser}),
 * {@link io.github.modelrouter.stream.JsonThinkingStripper} and
 * {@link io.github.modelrouter.stream.JsonUsageTap} (non-streamed answers, response-thinking drop
 * and pass), plus the values they report ({@link io.github.modelrouter.stream.TokenUsage}) and the
 * error envelope ({@link io.github.modelrouter.stream.AnthropicError}).
 *
 * <p>Everything here works on bytes handed in by the caller, on the caller's thread, and never
 * blocks or does I/O. It knows neither servlets nor HttpClient. JSON is read with the scanner
 * family of {@code io.github.modelrouter.json} and written with its writer.
 *
 * <p>May import: the JDK and {@code io.github.modelrouter.json}.
 */
package io.github.modelrouter.stream;
