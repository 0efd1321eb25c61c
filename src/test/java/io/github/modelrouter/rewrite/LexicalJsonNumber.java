package io.github.modelrouter.rewrite;

import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that keeps the exact text the client wrote ({@code 1.0}, {@code 1e-7},
 * {@code -0}, 30-digit integers), so forwarding it writes the same characters back. Parsson's own
 * numbers hold a {@code BigDecimal} whose {@code toString} differs from the input for some forms.
 *
 * <p>The text is validated JSON number grammar (it comes from the parser). Arithmetic accessors
 * and {@code equals}/{@code hashCode} go through {@link #bigDecimalValue()} as the
 * {@link JsonNumber} contract requires; the rewrite never calls them, so an absurd exponent
 * ({@code 1e999999999999}) costs nothing unless someone asks for its value.
 */
final class LexicalJsonNumber implements JsonNumber {

    private final String text;

    LexicalJsonNumber(String text) {
        this.text = text;
    }

    @Override
    public boolean isIntegral() {
        return bigDecimalValue().scale() == 0;
    }

    @Override
    public int intValue() {
        return bigDecimalValue().intValue();
    }

    @Override
    public int intValueExact() {
        return bigDecimalValue().intValueExact();
    }

    @Override
    public long longValue() {
        return bigDecimalValue().longValue();
    }

    @Override
    public long longValueExact() {
        return bigDecimalValue().longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return bigDecimalValue().toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return bigDecimalValue().toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return new BigDecimal(text);
    }

    @Override
    public Number numberValue() {
        return bigDecimalValue();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    /** Equal to any {@link JsonNumber} with an equal {@code BigDecimal} (so {@code 1.0 != 1.00}). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JsonNumber)) {
            return false;
        }
        try {
            return bigDecimalValue().equals(((JsonNumber) other).bigDecimalValue());
        } catch (NumberFormatException outOfRange) {
            // an exponent beyond BigDecimal's scale: fall back to the text rather than throw from equals
            return text.equals(other.toString());
        }
    }

    @Override
    public int hashCode() {
        try {
            return bigDecimalValue().hashCode();
        } catch (NumberFormatException outOfRange) {
            return text.hashCode();
        }
    }

    /** The number exactly as written in the client's JSON. */
    @Override
    public String toString() {
        return text;
    }
}
