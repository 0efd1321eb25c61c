package io.github.modelrouter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The windows at their edges: the last millisecond of one, the first of the next. */
class WindowsTest {

    private static final long MIDNIGHT = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void minuteEdges() {
        assertEquals(Windows.minute(MIDNIGHT), Windows.minute(MIDNIGHT + 59_999));
        assertEquals(Windows.minute(MIDNIGHT) + 1, Windows.minute(MIDNIGHT + 60_000));
        assertEquals(60, Windows.secondsLeftInMinute(MIDNIGHT), "at the first millisecond the whole minute is left");
        assertEquals(60, Windows.secondsLeftInMinute(MIDNIGHT + 1), "59.999 s rounds up");
        assertEquals(1, Windows.secondsLeftInMinute(MIDNIGHT + 59_999), "never 0: the window has not freed yet");
        assertEquals(1, Windows.secondsLeftInMinute(MIDNIGHT + 59_000));
        assertEquals(2, Windows.secondsLeftInMinute(MIDNIGHT + 58_999));
    }

    @Test
    void dayEdges() {
        assertEquals(Windows.day(MIDNIGHT - 1) + 1, Windows.day(MIDNIGHT));
        assertEquals(86_400, Windows.secondsLeftInDay(MIDNIGHT));
        assertEquals(1, Windows.secondsLeftInDay(MIDNIGHT - 1));
        assertEquals(1, Windows.millisLeftInDay(MIDNIGHT - 1));
    }

    @Test
    void nanoDollarsRoundUp() {
        assertEquals(1_043_000, Windows.nanoUsd(new BigDecimal("0.001043")));
        assertEquals(10, Windows.nanoUsd(new BigDecimal("0.0000000096")), "9.6 nano-dollars count as 10");
        assertEquals(0, Windows.nanoUsd(BigDecimal.ZERO));
    }
}
