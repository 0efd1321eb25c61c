package io.github.modelrouter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.modelrouter.config.RouteConfig;
import io.github.modelrouter.config.RouterConfig;
import io.github.modelrouter.config.Secret;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteConfig route(String name, String... match) {
        RouteConfig.Builder builder = RouteConfig.builder(name).upstream(URI.create("https://" + name + ".example"));
        return match.length == 0 ? builder.build() : builder.match(List.of(match)).build();
    }

    private static RouterConfig withDefault(String defaultRoute, RouteConfig... routes) {
        RouterConfig base = RouterConfig.of(List.of(routes));
        return new RouterConfig(base.routes(), defaultRoute, base.maxConcurrent(), base.maxBodyBytes(),
                base.requireKeys(), base.authTokens());
    }

    private static Optional<String> resolvedName(RouteTable table, String model) {
        return table.resolve(model).map(RouteConfig::name);
    }

    @Test
    void keywordsMatchAsSubstringsIgnoringCase() {
        RouteTable table = new RouteTable(RouterConfig.of(List.of(route("opus"), route("sonnet"), route("haiku"))));
        assertEquals(Optional.of("opus"), resolvedName(table, "claude-opus-4-1-20250805"));
        assertEquals(Optional.of("sonnet"), resolvedName(table, "claude-sonnet-4-5"));
        assertEquals(Optional.of("haiku"), resolvedName(table, "Claude-HAIKU-4-5"));
        assertEquals(Optional.of("opus"), resolvedName(table, "OPUS"));
    }

    @Test
    void keywordsThemselvesMayBeWrittenInAnyCase() {
        RouteTable table = new RouteTable(RouterConfig.of(List.of(route("r", "GPT"))));
        assertEquals(Optional.of("r"), resolvedName(table, "my-gpt-model"));
    }

    @Test
    void caseFoldingIgnoresTheDefaultLocale() {
        // under a Turkish locale "I".toLowerCase() is a dotless ı; matching must not depend on it
        RouteTable table = new RouteTable(RouterConfig.of(List.of(route("r", "kimi"))));
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(Optional.of("r"), resolvedName(table, "KIMI-K2"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void anyEntryOfARouteMayHit() {
        RouteTable table = new RouteTable(RouterConfig.of(List.of(route("big", "opus", "re:^o\\d"), route("small", "mini"))));
        assertEquals(Optional.of("big"), resolvedName(table, "claude-opus"));
        assertEquals(Optional.of("big"), resolvedName(table, "o3-pro"));
        assertEquals(Optional.of("small"), resolvedName(table, "gpt-4o-mini"));
    }

    @Test
    void regexIsFoundAnywhereAndIsCaseSensitiveAsWritten() {
        RouteTable table = new RouteTable(RouterConfig.of(List.of(
                route("versioned", "re:-4-\\d+$"),
                route("insensitive", "re:(?i)^deepseek"))));
        assertEquals(Optional.of("versioned"), resolvedName(table, "claude-sonnet-4-5"));
        assertEquals(Optional.empty(), resolvedName(table, "claude-sonnet-4-5-x"));
        assertEquals(Optional.of("insensitive"), resolvedName(table, "DeepSeek-chat"));

        RouteTable sensitive = new RouteTable(RouterConfig.of(List.of(route("r", "re:^Claude"))));
        assertEquals(Optional.of("r"), resolvedName(sensitive, "Claude-x"));
        assertEquals(Optional.empty(), resolvedName(sensitive, "claude-x"));
    }

    @Test
    void theFirstMatchingRouteInOrderWins() {
        RouteConfig general = route("general", "claude");
        RouteConfig specific = route("specific", "opus");
        assertEquals(Optional.of("general"),
                resolvedName(new RouteTable(RouterConfig.of(List.of(general, specific))), "claude-opus-4"));
        assertEquals(Optional.of("specific"),
                resolvedName(new RouteTable(RouterConfig.of(List.of(specific, general))), "claude-opus-4"));
    }

    @Test
    void unmatchedModelsGoToTheDefaultRoute() {
        RouteTable table = new RouteTable(withDefault("sonnet", route("opus"), route("sonnet")));
        assertEquals(Optional.of("sonnet"), resolvedName(table, "gpt-5"));
        assertEquals(Optional.of("opus"), resolvedName(table, "claude-opus"));
    }

    @Test
    void unmatchedModelsWithoutDefaultResolveToNothing() {
        RouteTable table = new RouteTable(RouterConfig.of(List.of(route("opus"), route("sonnet"))));
        assertEquals(Optional.empty(), table.resolve("gpt-5"));
        assertEquals(Optional.empty(), table.resolve(""));
    }

    @Test
    void aRouteWithoutEntriesIsReachableOnlyAsDefaultOrFallback() {
        RouteTable table = new RouteTable(withDefault("catchall", route("opus"),
                RouteConfig.builder("catchall").upstream(URI.create("https://c.example")).match(List.of()).build()));
        assertEquals(Optional.of("catchall"), resolvedName(table, "catchall"));
    }

    @Test
    void routesAreListedInOrderAndFoundByName() {
        RouteConfig opus = route("opus");
        RouteConfig haiku = route("haiku");
        RouteTable table = new RouteTable(RouterConfig.of(List.of(opus, haiku)));
        assertEquals(List.of(opus, haiku), table.routes());
        assertEquals(Optional.of(haiku), table.route("haiku"));
        assertEquals(Optional.empty(), table.route("sonnet"));
    }

    @Test
    void eachRouteHasOneKeyRingOfItsKeys() {
        RouteConfig keyed = RouteConfig.builder("keyed").upstream(URI.create("https://k.example"))
                .apiKeys(List.of(new Secret("a"), new Secret("b"))).build();
        RouteTable table = new RouteTable(RouterConfig.of(List.of(keyed, route("bare"))), () -> 0L);
        assertEquals(2, table.keys("keyed").size());
        assertSame(table.keys("keyed"), table.keys("keyed"));
        assertEquals(Optional.empty(), table.keys("bare").next());
        assertThrows(IllegalArgumentException.class, () -> table.keys("missing"));
    }


    @Test
    void refusesConfigurationsTheLoaderWouldHaveRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new RouteTable(RouterConfig.of(List.of(route("a"), route("a")))));
        assertThrows(IllegalArgumentException.class,
                () -> new RouteTable(RouterConfig.of(List.of(route("a", "re:(")))));
        assertThrows(IllegalArgumentException.class, () -> new RouteTable(withDefault("ghost", route("a"))));
    }

    @Test
    void resolvedRouteIsTheConfiguredInstance() {
        RouteConfig opus = route("opus");
        RouteTable table = new RouteTable(RouterConfig.of(List.of(opus)));
        assertTrue(table.resolve("claude-opus").isPresent());
        assertSame(opus, table.resolve("claude-opus").get());
    }
}
