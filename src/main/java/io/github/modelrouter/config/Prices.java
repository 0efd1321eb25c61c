package io.github.modelrouter.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A route's list prices in USD per million tokens ({@code router.route.<r>.price.*}). Exact
 * decimals throughout: a cost is a sum of integer token counts times these prices, divided by a
 * million, so {@link BigDecimal} gives the exact figure with no binary-float drift however many
 * answers are added up.
 *
 * @param input price of a million uncached input tokens
 * @param output price of a million output tokens
 * @param cacheRead price of a million input tokens read from the provider's prompt cache
 * @param cacheWrite price of a million input tokens written to the prompt cache
 */
public record Prices(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {

    /** No price configured: every answer costs 0. */
    public static final Prices NONE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public Prices {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheRead, "cacheRead");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
    }

    /**
     * The exact cost in USD of an answer with these token counts. Dividing by 10⁶ only moves the
     * decimal point, so the result is exact (its scale is the prices' scale plus 6).
     */
    public BigDecimal cost(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
        BigDecimal perMillion = input.multiply(BigDecimal.valueOf(inputTokens))
                .add(output.multiply(BigDecimal.valueOf(outputTokens)))
                .add(cacheRead.multiply(BigDecimal.valueOf(cacheReadTokens)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(cacheWriteTokens)));
        return perMillion.movePointLeft(6);
    }

    /** Whether any price is set, so costs mean something. */
    public boolean known() {
        return input.signum() != 0 || output.signum() != 0 || cacheRead.signum() != 0 || cacheWrite.signum() != 0;
    }
}
