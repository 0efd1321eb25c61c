package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC step 4: numbers go out exactly as the client wrote them. */
class NumberFidelityTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e-7", "1E+2", "1e2", "-0", "-0.0", "0", "0.1", "1.50", "2.5E-3",
        "123456789012345678901234567890", "-123456789012345678901234567890",
        "123456789012345678901234567890.123456789", "9007199254740993", "1.7976931348623157e309",
        "4.9e-325", "1e999999999999"})
    void numbersAreWrittenAsTheClientWroteThem(String number) {
        String body = "{\"model\":\"m\",\"top\":" + number + ",\"messages\":[{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{\"x\":" + number + ",\"xs\":[" + number
                + "," + number + "]}}]}],\"tools\":[{\"name\":\"n\",\"input_schema\":{\"maximum\":" + number + "}}]}";
        String expected = body.replace("{\"type\":\"tool_use\"",
                "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"},{\"type\":\"tool_use\"");
        assertEquals(expected, Bodies.rewrite(body, TestRoutes.withThinking(io.github.modelrouter.config.ThinkingPolicy.PLACEHOLDER)));
        assertEquals(body, Bodies.rewrite(body, TestRoutes.passThrough()));
    }

    @Test
    void treeNumbersKeepTheirTextAndFollowBigDecimalEquality() {
        JsonNumber oneDotZero = Bodies.tree("{\"n\":1.0}").getJsonNumber("n");
        assertEquals("1.0", oneDotZero.toString());
        assertEquals(Json.createValue(new BigDecimal("1.0")), oneDotZero);
        assertEquals(oneDotZero, Json.createValue(new BigDecimal("1.0")));
        assertEquals(Json.createValue(new BigDecimal("1.0")).hashCode(), oneDotZero.hashCode());
        // BigDecimal equality is scale-sensitive, as the JsonNumber javadoc specifies
        assertNotEquals(Bodies.tree("{\"n\":1}").getJsonNumber("n"), oneDotZero);
        assertEquals(Bodies.tree("{\"n\":1E+2}").getJsonNumber("n"), Bodies.tree("{\"n\":1e2}").getJsonNumber("n"));
        assertEquals(Bodies.tree("{\"n\":-0}").getJsonNumber("n"), Bodies.tree("{\"n\":0}").getJsonNumber("n"));
    }

    @Test
    void numericAccessorsWork() {
        JsonNumber big = Bodies.tree("{\"n\":123456789012345678901234567890}").getJsonNumber("n");
        assertTrue(big.isIntegral());
        assertEquals("123456789012345678901234567890", big.bigIntegerValueExact().toString());
        JsonNumber small = Bodies.tree("{\"n\":1e-7}").getJsonNumber("n");
        assertFalse(small.isIntegral());
        assertEquals(1e-7, small.doubleValue());
        assertEquals(new BigDecimal("1e-7"), small.numberValue());
        assertEquals(42, Bodies.tree("{\"n\":42}").getInt("n"));
        assertEquals(42L, Bodies.tree("{\"n\":42}").getJsonNumber("n").longValueExact());
    }

    @Test
    void hugeExponentIsForwardedAndDoesNotBreakEquality() {
        JsonNumber huge = Bodies.tree("{\"n\":1e999999999999}").getJsonNumber("n");
        assertEquals("1e999999999999", huge.toString());
        assertEquals(huge, Bodies.tree("{\"n\":1e999999999999}").getJsonNumber("n"));
        assertEquals(huge.hashCode(), Bodies.tree("{\"n\":1e999999999999}").getJsonNumber("n").hashCode());
    }
}
