package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of the port's protection: host names, media types, and text written to logs. */
class OpenPortRulesTest {

    @ParameterizedTest
    @CsvSource({
        "localhost,localhost", "LOCALHOST:9099,localhost", "localhost.,localhost", "127.0.0.1:80,127.0.0.1",
        "[::1]:9099,[::1]", "[::1],[::1]", "Router.Internal:443,router.internal"})
    void hostNamesLoseTheirPortCaseAndTrailingDot(String header, String name) {
        assertEquals(name, OpenPortFilter.hostName(header));
    }

    @Test
    void onlyApplicationJsonIsJson() {
        assertTrue(OpenPortFilter.isJson("application/json"));
        assertTrue(OpenPortFilter.isJson("Application/JSON ; charset=utf-8"));
        assertFalse(OpenPortFilter.isJson(null));
        assertFalse(OpenPortFilter.isJson("text/plain"));
        assertFalse(OpenPortFilter.isJson("application/json-seq"));
        assertFalse(OpenPortFilter.isJson("application/x-www-form-urlencoded"));
    }

    @Test
    void logTextIsOneLineWithoutControlCharacters() {
        assertEquals("claude-opus-4-5", LogText.escape("claude-opus-4-5", 200));
        String forged = LogText.escape("m\nrequest_id=forged status=200\r\t\u0000\u2028 \\x\u0085", 200);
        assertEquals("m\\u000arequest_id=forged\\u0020status=200\\u000d\\u0009\\u0000\\u2028\\u0020\\u005cx\\u0085", forged);
        assertFalse(forged.chars().anyMatch(c -> c < 0x20 || c == 0x7f));
        assertEquals("abc…", LogText.escape("abcdef", 3));
        assertEquals("-", LogText.escape(null, 3));
        assertEquals("caf\u00e9 \u65e5".replace(" ", "\\u0020"), LogText.escape("caf\u00e9 \u65e5", 200));
    }

    @Test
    void millisHaveOneDecimal() {
        assertEquals("0.0", ExchangeRecord.millis(0));
        assertEquals("1.5", ExchangeRecord.millis(1_500_000));
        assertEquals("212.0", ExchangeRecord.millis(211_960_000));
        assertEquals("0.1", ExchangeRecord.millis(50_000));
    }
}
