package io.github.modelrouter.translate;

import io.github.modelrouter.stream.TokenUsage;

/**
 * OpenAI usage as Anthropic's, as the contract maps it: {@code prompt_tokens},
 * {@code completion_tokens} and the cached prompt tokens
 * ({@code prompt_tokens_details.cached_tokens}, DeepSeek's {@code prompt_cache_hit_tokens}) become
 * {@code input_tokens}, {@code output_tokens} and {@code cache_read_input_tokens}.
 *
 * <p>OpenAI's {@code prompt_tokens} includes the cached part where Anthropic's
 * {@code input_tokens} does not, so a client that adds the two counts cached tokens twice; the
 * contract maps one to one all the same, and this follows it (a change belongs in the contract).
 */
final class UsageMapping {

    private UsageMapping() {
    }

    static TokenUsage of(long promptTokens, long completionTokens, long cachedTokens) {
        return new TokenUsage(Math.max(0, promptTokens), Math.max(0, completionTokens), Math.max(0, cachedTokens), 0);
    }
}
