package io.github.modelrouter.state;

/**
 * The answer to {@link RouterState#admit}: forward the request, or refuse it with 429 and a
 * {@code retry-after} of {@code retryAfterSeconds}.
 *
 * @param allowed whether the request may be forwarded
 * @param retryAfterSeconds whole seconds until the exhausted window frees (at least 1); 0 when allowed
 * @param limit the configuration key suffix of the exhausted limit ({@code requests-per-minute},
 *     {@code tokens-per-day}, {@code usd-per-day}); empty when allowed
 */
public record Admission(boolean allowed, long retryAfterSeconds, String limit) {

    public static final Admission ALLOWED = new Admission(true, 0, "");

    static Admission refused(String limit, long retryAfterSeconds) {
        return new Admission(false, Math.max(1, retryAfterSeconds), limit);
    }
}
