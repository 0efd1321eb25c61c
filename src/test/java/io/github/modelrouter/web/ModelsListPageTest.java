package io.github.modelrouter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paging of {@code GET /v1/models}: limit, after_id, before_id, and their refusals. */
class ModelsListPageTest {

    private static final List<String> IDS = List.of("claude-a", "claude-b", "claude-c", "claude-d", "claude-e");

    private static ModelsList.Page page(String limit, String after, String before) {
        return ModelsList.page(IDS, limit, after, before);
    }

    @Test
    void withoutParametersTheFirstTwentyAreListed() {
        assertEquals(new ModelsList.Page(0, 5, false), page(null, null, null));
    }

    @Test
    void limitCutsThePageAndSaysThereIsMore() {
        assertEquals(new ModelsList.Page(0, 2, true), page("2", null, null));
        assertEquals(new ModelsList.Page(0, 5, false), page("5", null, null));
    }

    @Test
    void afterIdContinuesWhereThePreviousPageEnded() {
        assertEquals(new ModelsList.Page(2, 4, true), page("2", "claude-b", null));
        assertEquals(new ModelsList.Page(4, 5, false), page("2", "claude-d", null));
        assertEquals(new ModelsList.Page(5, 5, false), page("2", "claude-e", null));
    }

    @Test
    void beforeIdListsThePageJustBeforeIt() {
        assertEquals(new ModelsList.Page(2, 4, true), page("2", null, "claude-e"));
        assertEquals(new ModelsList.Page(0, 1, false), page("2", null, "claude-b"));
        assertEquals(new ModelsList.Page(0, 0, false), page("2", null, "claude-a"));
    }

    @Test
    void bothBoundsListWhatLiesBetween() {
        assertEquals(new ModelsList.Page(1, 3, true), page("2", "claude-a", "claude-e"));
        assertEquals(new ModelsList.Page(1, 4, false), page("20", "claude-a", "claude-e"));
    }

    @Test
    void badParametersAreNamed() {
        for (String limit : new String[] {"0", "1001", "x", "-1"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> page(limit, null, null)).getMessage()
                    .startsWith("limit: expected a whole number from 1 to 1000"), limit);
        }
        assertEquals("after_id: 'gpt' is not a model id listed by /v1/models",
                assertThrows(IllegalArgumentException.class, () -> page(null, "gpt", null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> page(null, null, "x")).getMessage().startsWith("before_id:"));
    }
}
