package io.github.modelrouter.stream;

import io.github.modelrouter.json.JsonSpan;

/**
 * Combines the {@code usage} objects of one answer into a {@link TokenUsage}. Each count is the
 * largest value seen for it: Anthropic's counts are cumulative, so in a well-formed stream this is
 * message_delta's final {@code output_tokens} replacing message_start's, and it also holds for
 * providers that report input counts only in message_delta, or send 0 there while message_start
 * had the real figure. Not thread-safe; owned by one transformer.
 */
final class UsageAccumulator {

    private long inputTokens;
    private long outputTokens;
    private long cacheReadInputTokens;
    private long cacheCreationInputTokens;

    /** Merges a {@code usage} object; members that are absent, null or not integers are skipped. */
    void merge(JsonSpan usage) {
        inputTokens = Math.max(inputTokens, count(usage, "input_tokens"));
        outputTokens = Math.max(outputTokens, count(usage, "output_tokens"));
        cacheReadInputTokens = Math.max(cacheReadInputTokens, count(usage, "cache_read_input_tokens"));
        cacheCreationInputTokens = Math.max(cacheCreationInputTokens,
                count(usage, "cache_creation_input_tokens"));
    }

    /** Merges {@code container.usage} when the container is an object whose usage is one; null is ignored. */
    void mergeUsageOf(JsonSpan container) {
        JsonSpan usage = container == null ? null : container.get("usage");
        if (usage != null && usage.isObject()) {
            merge(usage);
        }
    }

    TokenUsage toTokenUsage() {
        return new TokenUsage(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens);
    }

    private static long count(JsonSpan usage, String name) {
        JsonSpan value = usage.get(name);
        return value == null ? 0 : Math.max(0, value.integer().orElse(0));
    }
}
