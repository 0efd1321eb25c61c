package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The additions to the config records: the route builder, secret comparison, factory defaults. */
class RecordsTest {

    @Test
    void builderStartsFromTheSpecDefaults() {
        RouteConfig route = RouteConfig.builder("fast-lane").upstream(URI.create("https://x.example")).build();
        assertEquals("fast-lane", route.label());
        assertEquals(List.of("fast-lane"), route.match());
        assertEquals(List.of("FAST_LANE_API_KEY"), route.apiKeyEnv());
        assertEquals("/v1/messages", route.targetPath());
        assertEquals(Duration.ofSeconds(300), route.timeout());
        assertEquals(1, route.retries());
        assertEquals(Duration.ofSeconds(60), route.keyCooldown());
    }

    @Test
    void builderNeedsAnUpstream() {
        assertThrows(NullPointerException.class, () -> RouteConfig.builder("r").build());
    }

    @Test
    void routeRejectsImpossibleValues() {
        RouteConfig.Builder builder = RouteConfig.builder("r").upstream(URI.create("https://x.example"));
        assertThrows(IllegalArgumentException.class, () -> builder.retries(-1).build());
        assertThrows(IllegalArgumentException.class, () -> builder.retries(0).timeout(Duration.ZERO).build());
    }

    @Test
    void blankLabelFallsBackToTheName() {
        RouteConfig route = RouteConfig.builder("r").upstream(URI.create("https://x.example")).label(" ").build();
        assertEquals("r", route.label());
    }

    @Test
    void routerConfigOfUsesGlobalDefaults() {
        RouterConfig config = RouterConfig.of(List.of());
        assertEquals(50, config.maxConcurrent());
        assertEquals(10_485_760L, config.maxBodyBytes());
        assertTrue(config.requireKeys());
        assertEquals("", config.defaultRoute());
    }

    @Test
    void secretNeverShowsItsValue() {
        Secret secret = new Secret("token-123");
        assertEquals("****", secret.toString());
    }

    @Test
    void authSchemeParsing() {
        assertEquals(AuthScheme.X_API_KEY, AuthScheme.parse(" X-API-KEY "));
        assertEquals(AuthScheme.BEARER, AuthScheme.parse("bearer"));
        assertEquals(new AuthScheme("api-key", false), AuthScheme.parse("header:Api-Key"));
        assertNull(AuthScheme.parse("header:bad header"));
        assertNull(AuthScheme.parse("basic"));
        assertEquals("Bearer k", AuthScheme.BEARER.headerValue(new Secret("k")));
    }
}
