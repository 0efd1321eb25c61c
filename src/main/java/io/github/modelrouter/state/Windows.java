package io.github.modelrouter.state;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The budget windows, on the wall clock so that every replica (with synchronised clocks) agrees on
 * them: requests per calendar minute, tokens and USD per UTC day. Fixed windows, so a window frees
 * all at once at its end and {@code retry-after} is exactly the time left in it. Pure arithmetic.
 */
final class Windows {

    static final long MINUTE_MILLIS = 60_000L;
    static final long DAY_MILLIS = 86_400_000L;
    /** USD budgets are counted in whole nano-dollars, so Redis can add them exactly with INCRBY. */
    static final int NANO_USD_SCALE = 9;

    private Windows() {
    }

    static long minute(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MILLIS);
    }

    static long day(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MILLIS);
    }

    /** Whole seconds, rounded up, until the minute window of {@code epochMillis} ends; 1 to 60. */
    static long secondsLeftInMinute(long epochMillis) {
        return ceilSeconds(MINUTE_MILLIS - Math.floorMod(epochMillis, MINUTE_MILLIS));
    }

    /** Whole seconds, rounded up, until the UTC day of {@code epochMillis} ends; 1 to 86400. */
    static long secondsLeftInDay(long epochMillis) {
        return ceilSeconds(DAY_MILLIS - Math.floorMod(epochMillis, DAY_MILLIS));
    }

    /** Milliseconds until the window of {@code epochMillis} ends, for key expiry. */
    static long millisLeftInMinute(long epochMillis) {
        return MINUTE_MILLIS - Math.floorMod(epochMillis, MINUTE_MILLIS);
    }

    static long millisLeftInDay(long epochMillis) {
        return DAY_MILLIS - Math.floorMod(epochMillis, DAY_MILLIS);
    }

    /** USD as whole nano-dollars, rounded up: a budget never undercounts a fraction. */
    static long nanoUsd(BigDecimal usd) {
        return usd.setScale(NANO_USD_SCALE, RoundingMode.UP).unscaledValue().longValueExact();
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
