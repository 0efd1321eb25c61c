package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static io.github.modelrouter.config.TestConfigs.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration the loader refuses, and what its one exception says. */
class RouterConfigValidationTest {

    private static final Map<String, String> ENV = Map.of("R_API_KEY", "sk-env-secret-1", "B_API_KEY", "sk-env-secret-2");

    /** Two valid routes, r and b, with keys in the environment; each case adds its bad keys. */
    private static ConfigValidationException rejected(String... overrides) {
        Map<String, String> properties = new HashMap<>(pairs(
                "router.routes", "r,b",
                "router.route.r.upstream", "https://r.example",
                "router.route.b.upstream", "https://b.example"));
        properties.putAll(pairs(overrides));
        return assertThrows(ConfigValidationException.class,
                () -> new RouterConfigLoader(ENV::get).load(config(properties)));
    }

    static Stream<Arguments> singleProblems() {
        return Stream.of(
                Arguments.of(new String[] {"router.routes", "r,b,ghost", "router.route.ghost.api-key", "k"},
                        "router.route.ghost.upstream is required"),
                Arguments.of(new String[] {"router.routes", " , "}, "router.routes lists no route"),
                Arguments.of(new String[] {"router.max-body-bytes", "2147483648"},
                        "router.max-body-bytes = \"2147483648\": expected at most 1073741824 (1 GiB)"),
                Arguments.of(new String[] {"router.allowed-origins", "https://ok.example,evil.example/path"},
                        "router.allowed-origins = \"evil.example/path\": expected * or origins"),
                Arguments.of(new String[] {"router.body-timeout", "0"}, "router.body-timeout = \"0\": expected a positive number"),
                Arguments.of(new String[] {"router.routes", "r,b,r"}, "router.routes = \"r\": expected each route listed once"),
                Arguments.of(new String[] {"router.routes", "r,b,R"}, "router.routes = \"R\": expected each route listed once"),
                Arguments.of(new String[] {"router.routes", "r,b,bad.name"}, "router.routes = \"bad.name\": expected route names"),
                Arguments.of(new String[] {"router.route.r.upstream", "ftp://r.example"},
                        "router.route.r.upstream = \"ftp://r.example\": expected an http or https base URL"),
                Arguments.of(new String[] {"router.route.r.upstream", "not a url"},
                        "router.route.r.upstream = \"not a url\": expected an http or https"),
                Arguments.of(new String[] {"router.route.r.upstream", "https:///path-only"},
                        "router.route.r.upstream = \"https:///path-only\""),
                Arguments.of(new String[] {"router.route.r.upstream", "https://r.example/x?y=1"},
                        "router.route.r.upstream = \"https://r.example/x?y=1\""),
                Arguments.of(new String[] {"router.route.r.target-path", "/v1/messages?beta=true"},
                        "router.route.r.target-path = \"/v1/messages?beta=true\": expected a URL path"),
                Arguments.of(new String[] {"router.route.r.target-path", "/v1/a#b"}, "router.route.r.target-path = \"/v1/a#b\""),
                Arguments.of(new String[] {"router.route.r.target-path", "/v1 messages"}, "router.route.r.target-path"),
                Arguments.of(new String[] {"router.route.r.auth", "basic"},
                        "router.route.r.auth = \"basic\": expected x-api-key, bearer or header:<Header-Name>"),
                Arguments.of(new String[] {"router.route.r.auth", "header:Content-Length"}, "router.route.r.auth = \"header:Content-Length\""),
                Arguments.of(new String[] {"router.route.r.format", "gemini"},
                        "router.route.r.format = \"gemini\": expected one of anthropic, openai"),
                Arguments.of(new String[] {"router.route.r.thinking", "remove"},
                        "router.route.r.thinking = \"remove\": expected one of preserve, strip, placeholder"),
                Arguments.of(new String[] {"router.route.r.response-thinking", "hide"},
                        "router.route.r.response-thinking = \"hide\": expected one of pass, drop"),
                Arguments.of(new String[] {"router.route.r.count-tokens", "local"},
                        "router.route.r.count-tokens = \"local\": expected one of forward, estimate"),
                Arguments.of(new String[] {"router.route.r.beta-header", "keep"},
                        "router.route.r.beta-header = \"keep\": expected forward, drop or allow:"),
                Arguments.of(new String[] {"router.route.r.beta-header", "allow:"}, "router.route.r.beta-header = \"allow:\""),
                Arguments.of(new String[] {"router.route.r.disable-thinking", "maybe"},
                        "router.route.r.disable-thinking = \"maybe\": expected true or false"),
                Arguments.of(new String[] {"router.route.r.timeout", "0"},
                        "router.route.r.timeout = \"0\": expected a positive number of seconds"),
                Arguments.of(new String[] {"router.route.r.timeout", "-5"}, "router.route.r.timeout = \"-5\""),
                Arguments.of(new String[] {"router.route.r.connect-timeout", "ten"}, "router.route.r.connect-timeout = \"ten\""),
                Arguments.of(new String[] {"router.route.r.idle-timeout", "1e12"}, "router.route.r.idle-timeout = \"1e12\""),
                Arguments.of(new String[] {"router.route.r.key-cooldown", "0"}, "router.route.r.key-cooldown = \"0\""),
                Arguments.of(new String[] {"router.route.r.retries", "-1"},
                        "router.route.r.retries = \"-1\": expected a whole number of 0 or more"),
                Arguments.of(new String[] {"router.route.r.retries", "two"}, "router.route.r.retries = \"two\""),
                Arguments.of(new String[] {"router.max-concurrent", "0"},
                        "router.max-concurrent = \"0\": expected a whole number of 1 or more"),
                Arguments.of(new String[] {"router.max-concurrent", "lots"}, "router.max-concurrent = \"lots\""),
                Arguments.of(new String[] {"router.max-body-bytes", "10MB"},
                        "router.max-body-bytes = \"10MB\": expected a whole number of 1 or more"),
                Arguments.of(new String[] {"router.require-keys", "sometimes"},
                        "router.require-keys = \"sometimes\": expected true or false"),
                Arguments.of(new String[] {"router.route.r.match", "re:(unclosed"},
                        "router.route.r.match = \"re:(unclosed\": expected a valid regular expression"),
                Arguments.of(new String[] {"router.route.r.match", "opus,re:"}, "router.route.r.match = \"re:\""),
                Arguments.of(new String[] {"router.default-route", "ghost"},
                        "router.default-route = \"ghost\": expected a route listed in router.routes (routes: r, b)"),
                Arguments.of(new String[] {"router.route.r.fallback", "ghost"},
                        "router.route.r.fallback = \"ghost\": expected a route listed in router.routes"),
                Arguments.of(new String[] {"router.route.r.fallback", "r"},
                        "router.route.r.fallback = \"r\": expected another route than r itself"),
                Arguments.of(new String[] {"router.route.r.fallback", "b", "router.route.b.fallback", "r"},
                        "fallback cycle r → b → r"));
    }

    @ParameterizedTest
    @MethodSource("singleProblems")
    void eachProblemIsNamedWithKeyValueAndExpectation(String[] overrides, String expected) {
        ConfigValidationException e = rejected(overrides);
        assertTrue(e.getMessage().contains(expected), () -> "expected <" + expected + "> in:\n" + e.getMessage());
        assertEquals(1, e.problems().size(), e::getMessage);
    }

    @Test
    void everyProblemIsReportedInOneException() {
        ConfigValidationException e = rejected(
                "router.routes", "r,b,ghost",
                "router.route.r.upstream", "ftp://r.example",
                "router.route.r.auth", "basic",
                "router.route.r.thinking", "remove",
                "router.route.b.timeout", "0",
                "router.route.b.fallback", "b",
                "router.max-concurrent", "-1",
                "router.default-route", "nowhere");
        String message = e.getMessage();
        List.of("router.route.ghost.upstream is required",
                "router.route.r.upstream = \"ftp://r.example\"",
                "router.route.r.auth = \"basic\"",
                "router.route.r.thinking = \"remove\"",
                "router.route.b.timeout = \"0\"",
                "router.route.b.fallback = \"b\"",
                "router.max-concurrent = \"-1\"",
                "router.default-route = \"nowhere\"",
                "route ghost has no API key: set GHOST_API_KEY or router.route.ghost.api-key")
                .forEach(part -> assertTrue(message.contains(part), () -> "expected <" + part + "> in:\n" + message));
        assertEquals(9, e.problems().size(), message);
        assertTrue(message.startsWith("Model Router configuration is invalid (9 problems)"), message);
    }

    @Test
    void fallbackCyclesThroughSeveralRoutesAreReportedOnce() {
        ConfigValidationException e = rejected(
                "router.routes", "r,b,c",
                "router.route.c.upstream", "https://c.example",
                "router.route.c.api-key", "k",
                "router.route.r.fallback", "b",
                "router.route.b.fallback", "c",
                "router.route.c.fallback", "b");
        assertEquals(List.of("fallback cycle b → c → b: the fallback chain must end at a route without"
                + " router.route.<r>.fallback"), e.problems());
    }

    @Test
    void missingKeyNamesTheVariablesToSet() {
        ConfigValidationException e = rejected(
                "router.route.r.api-key-env", "DEEPSEEK_API_KEY",
                "router.route.b.api-key-env", "B1,B2");
        assertEquals(List.of(
                "route r has no API key: set DEEPSEEK_API_KEY or router.route.r.api-key"
                        + " (or set router.require-keys=false to start without it)",
                "route b has no API key: set one of B1, B2 or router.route.b.api-key"
                        + " (or set router.require-keys=false to start without it)"), e.problems());
    }

    @Test
    void noKeyValueEverAppearsInTheMessage() {
        ConfigValidationException e = rejected(
                "router.routes", "r,b,ghost",
                "router.route.r.api-key", "sk-direct-secret",
                "router.route.r.api-key-env", "sk-pasted-by-mistake-0123456789",
                "router.route.b.timeout", "0",
                "router.auth.tokens", "client-secret-token");
        String message = e.getMessage();
        for (String secret : List.of("sk-direct-secret", "sk-pasted-by-mistake", "client-secret-token",
                "sk-env-secret-1", "sk-env-secret-2")) {
            assertFalse(message.contains(secret), () -> "leaked " + secret + " in:\n" + message);
        }
        assertTrue(message.contains("router.route.r.api-key-env must list environment variable names"), message);
    }

    @Test
    void upstreamWithCredentialsIsRejectedWithoutShowingThem() {
        ConfigValidationException e = rejected("router.route.r.upstream", "https://user:hunter2@r.example");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("router.route.r.upstream must not carry user info"), e.getMessage());
    }

    @Test
    void problemsOfOneRouteDoNotHideTheOthers() {
        ConfigValidationException e = rejected(
                "router.route.r.timeout", "x",
                "router.route.b.timeout", "y");
        assertEquals(2, e.problems().size(), e::getMessage);
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String longValue = "x".repeat(500);
        ConfigValidationException e = rejected("router.route.r.thinking", longValue);
        assertTrue(e.getMessage().length() < 400, e::getMessage);
    }
}
