package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigListsTest {

    @Test
    void splitsOnCommasAndTrimsEntries() {
        assertEquals(List.of("opus", "sonnet", "haiku"), ConfigLists.split(" opus , sonnet,haiku "));
    }

    @Test
    void dropsEmptyEntries() {
        assertEquals(List.of("a", "b"), ConfigLists.split(",a,, ,b,"));
        assertEquals(List.of(), ConfigLists.split(","));
    }

    @Test
    void backslashCommaIsALiteralComma() {
        assertEquals(List.of("re:a{1,3}", "b"), ConfigLists.split("re:a{1\\,3},b"));
    }

    @Test
    void otherBackslashesAreKept() {
        assertEquals(List.of("re:\\d+", "x\\"), ConfigLists.split("re:\\d+,x\\"));
    }
}
