package io.github.modelrouter.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.ThinkingPolicy;
import io.github.modelrouter.config.ToolPolicy;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code max-tools} and {@code drop-tool-types} in the one rewrite. */
class ToolPolicyRewriteTest {

    private static RouteConfig route(ToolPolicy tools) {
        return RouteConfig.builder("r").upstream(URI.create("https://r.example")).thinking(ThinkingPolicy.PRESERVE)
                .tools(tools).build();
    }

    private static final String BODY = "{\"model\":\"m\",\"tools\":["
            + "{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"}},"
            + "{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"},"
            + "{\"name\":\"Read\",\"input_schema\":{}},"
            + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},"
            + "{\"name\":\"mcp__x__y\",\"input_schema\":{}}],\"max_tokens\":1}";

    @Test
    void theDefaultForwardsEveryTool() {
        assertEquals(BODY.replace(",\"cache_control\":{\"type\":\"ephemeral\"}", ""), Bodies.rewrite(BODY, route(ToolPolicy.NONE)));
    }

    @Test
    void rejectedTypesAreLeftOutIncludingTheirVersions() {
        assertEquals("{\"model\":\"m\",\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}},"
                        + "{\"name\":\"Read\",\"input_schema\":{}},{\"type\":\"web_search_20250305\",\"name\":\"web_search\"},"
                        + "{\"name\":\"mcp__x__y\",\"input_schema\":{}}],\"max_tokens\":1}",
                Bodies.rewrite(BODY, route(new ToolPolicy(0, Set.of("code_execution")))));
    }

    @Test
    void theLimitKeepsTheFirstToolsAfterTheDroppedOnesAreGone() {
        assertEquals("{\"model\":\"m\",\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}},"
                        + "{\"name\":\"Read\",\"input_schema\":{}}],\"max_tokens\":1}",
                Bodies.rewrite(BODY, route(new ToolPolicy(2, Set.of("code_execution")))));
        assertEquals("{\"model\":\"m\",\"tools\":[],\"max_tokens\":1}",
                Bodies.rewrite("{\"model\":\"m\",\"tools\":[{\"type\":\"bash_20250124\",\"name\":\"bash\"}],\"max_tokens\":1}",
                        route(new ToolPolicy(5, Set.of("bash")))));
    }
}
