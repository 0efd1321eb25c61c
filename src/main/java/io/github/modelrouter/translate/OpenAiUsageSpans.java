package io.github.modelrouter.translate;

import io.github.modelrouter.json.JsonSpan;
import io.github.modelrouter.stream.TokenUsage;

/** An OpenAI {@code usage} object read from spans (the stream path), mapped by {@link UsageMapping}. */
final class OpenAiUsageSpans {

    private OpenAiUsageSpans() {
    }

    static TokenUsage of(JsonSpan usage) {
        JsonSpan details = usage.get("prompt_tokens_details");
        long cached = details != null && details.isObject() ? count(details, "cached_tokens") : 0;
        if (cached == 0) {
            cached = count(usage, "prompt_cache_hit_tokens"); // DeepSeek
        }
        return UsageMapping.of(count(usage, "prompt_tokens"), count(usage, "completion_tokens"), cached);
    }

    private static long count(JsonSpan object, String name) {
        JsonSpan value = object.get(name);
        return value == null ? 0 : Math.max(0, value.integer().orElse(0));
    }
}
