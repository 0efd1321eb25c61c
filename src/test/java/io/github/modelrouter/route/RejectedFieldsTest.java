package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each route learned to strip, with the betas paired with those fields. */
class RejectedFieldsTest {

    @Test
    void learnsPerRouteOnceWithPairedBetas() {
        RejectedFields fields = new RejectedFields();
        assertTrue(fields.of("opus").isEmpty());
        assertEquals(Set.of("context_management"), fields.learn("opus", Set.of("context_management")));
        assertEquals(Set.of(), fields.learn("opus", Set.of("context_management")), "learned once");
        assertEquals(Set.of("output_config"), fields.learn("opus", Set.of("context_management", "output_config")));
        assertEquals(Set.of("context_management", "output_config"), fields.of("opus").fields());
        assertEquals(List.of("context-management-"), fields.of("opus").betaPrefixes());
        assertTrue(fields.of("sonnet").isEmpty(), "another route knows nothing of it");
    }
}
