package io.github.modelrouter.translate;

import io.github.modelrouter.stream.TokenUsage;

/**
 * OpenAI usage as Anthropic's. OpenAI's {@code prompt_tokens} <em>includes</em> the cached prompt
 * tokens ({@code prompt_tokens_details.cached_tokens}, DeepSeek's {@code prompt_cache_hit_tokens});
 * Anthropic's {@code input_tokens} excludes {@code cache_read_input_tokens}, and Claude Code adds
 * the two up for its context gauge. So the cached part moves: {@code input_tokens = prompt_tokens
 * - cached}, {@code cache_read_input_tokens = cached}; {@code completion_tokens} is
 * {@code output_tokens}. Without cached tokens, {@code input_tokens} is {@code prompt_tokens}.
 */
final class UsageMapping {

    private UsageMapping() {
    }

    static TokenUsage of(long promptTokens, long completionTokens, long cachedTokens) {
        long cached = Math.max(0, Math.min(cachedTokens, promptTokens));
        return new TokenUsage(Math.max(0, promptTokens - cached), Math.max(0, completionTokens), cached, 0);
    }
}
