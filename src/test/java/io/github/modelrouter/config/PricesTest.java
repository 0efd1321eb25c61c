package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Cost arithmetic: exact decimals, checked against figures worked out by hand. */
class PricesTest {

    private static final Prices DEEPSEEK = new Prices(new BigDecimal("0.28"), new BigDecimal("0.42"),
            new BigDecimal("0.028"), new BigDecimal("0.28"));

    @Test
    void workedExampleCheckedByHand() {
        // 1 200 input × 0.28 = 336; 350 output × 0.42 = 147; 20 000 cache read × 0.028 = 560;
        // 0 cache write. 336 + 147 + 560 = 1 043 USD per million tokens → 0.001043 USD.
        assertEquals(new BigDecimal("0.001043"), DEEPSEEK.cost(1_200, 350, 20_000, 0).stripTrailingZeros());
        // MiniMax (0.30 / 1.20 / 0.03 / 0.375), the fake upstream's usage of 12 in and 5 out:
        // 12 × 0.30 = 3.6; 5 × 1.20 = 6.0 → 9.6 per million → 0.0000096 USD
        Prices minimax = new Prices(new BigDecimal("0.30"), new BigDecimal("1.20"), new BigDecimal("0.03"),
                new BigDecimal("0.375"));
        assertEquals(new BigDecimal("0.0000096"), minimax.cost(12, 5, 0, 0).stripTrailingZeros());
        // cache write: 1 000 × 0.375 = 375 per million → 0.000375
        assertEquals(new BigDecimal("0.000375"), minimax.cost(0, 0, 0, 1_000).stripTrailingZeros());
    }

    @Test
    void aMillionSmallCostsAddUpExactlyWhereDoublesDrift() {
        Prices tenthOfADollar = new Prices(new BigDecimal("0.1"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        BigDecimal exact = BigDecimal.ZERO;
        double drifting = 0;
        for (int i = 0; i < 1_000_000; i++) {
            BigDecimal one = tenthOfADollar.cost(1, 0, 0, 0);
            exact = exact.add(one);
            drifting += one.doubleValue();
        }
        // a million answers of one token at 0.1 USD per million tokens cost exactly 0.1 USD
        assertEquals(0, exact.compareTo(new BigDecimal("0.1")), exact.toPlainString());
        assertNotEquals(0.1, drifting, "binary floating point drifts on the same sum (why BigDecimal)");
    }

    @Test
    void noPricesCostNothingAndLargeCountsDoNotOverflow() {
        assertEquals(0, Prices.NONE.cost(5, 5, 5, 5).signum());
        assertEquals(false, Prices.NONE.known());
        // Long.MAX_VALUE tokens at 2.50 per million: exact, no overflow
        BigDecimal huge = new Prices(BigDecimal.ZERO, new BigDecimal("2.50"), BigDecimal.ZERO, BigDecimal.ZERO)
                .cost(0, Long.MAX_VALUE, 0, 0);
        assertEquals(new BigDecimal(Long.toString(Long.MAX_VALUE)).multiply(new BigDecimal("2.50")).movePointLeft(6), huge);
    }
}
