package io.github.modelrouter.translate;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The one JSON-B instance for the OpenAI wire records: snake_case member names. A {@link Jsonb} is
 * thread-safe and costly to build (it caches class models), so it is built once, lazily, by the
 * holder idiom; it holds no request state.
 */
final class OpenAiJsonb {

    private OpenAiJsonb() {
    }

    private static final class Holder {
        static final Jsonb JSONB = create();
    }

    static Jsonb get() {
        return Holder.JSONB;
    }

    /**
     * JSON-B finds its provider through the context class loader; the first answer may arrive on
     * an HttpClient thread, whose loader is not necessarily the webapp's, so the lookup runs with
     * the loader that loaded this class (the one Yasson is bundled with).
     */
    private static Jsonb create() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenAiJsonb.class.getClassLoader());
        try {
            return JsonbBuilder.create(new JsonbConfig()
                    .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
