/**
 * Anthropic Messages ⇄ OpenAI Chat Completions, for routes with {@code format=openai} (SPEC
 * "Upstreams that speak OpenAI Chat Completions"). The client keeps speaking Anthropic:
 *
 * <ul>
 *   <li>{@link io.github.modelrouter.translate.OpenAiRequestTranslator}: the client's request,
 *       from the spans it was scanned into once, to a Chat Completions body; opaque subtrees (tool
 *       input schemas, tool inputs) keep their exact bytes;
 *   <li>{@link io.github.modelrouter.translate.OpenAiStreamTranslator}: an incremental
 *       {@link io.github.modelrouter.stream.BodyTransformer} from OpenAI chunks to Anthropic SSE;
 *   <li>{@link io.github.modelrouter.translate.OpenAiAnswerTranslator}: a JSON answer to an
 *       Anthropic message (typed records bound with JSON-B, {@link io.github.modelrouter.translate.OpenAiWire});
 *   <li>{@link io.github.modelrouter.translate.OpenAiErrorTranslator}: a non-2xx answer to
 *       Anthropic's error envelope.
 * </ul>
 *
 * <p>Pure functions and single-owner transformers: no I/O, no static mutable state, nothing that
 * blocks.
 *
 * <p>May import: the JDK, {@code io.github.modelrouter.json}, {@code io.github.modelrouter.stream},
 * {@code io.github.modelrouter.config}, {@code jakarta.json} and {@code jakarta.json.bind}.
 */
package io.github.modelrouter.translate;
