package io.github.modelrouter.config;

import static io.github.modelrouter.config.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys of SPEC "The way out": trust stores, proxies from config and environment, http2. */
class TransportConfigTest {

    private final Map<String, String> env = new HashMap<>();

    private RouterConfig load(String... pairs) {
        Map<String, String> properties = new HashMap<>(TestConfigs.pairs(
                "router.routes", "secure,plain",
                "router.route.secure.upstream", "https://api.provider.example/anthropic",
                "router.route.plain.upstream", "http://llm.internal.example:8000",
                "router.require-keys", "false"));
        properties.putAll(TestConfigs.pairs(pairs));
        return new RouterConfigLoader(env::get).load(config(properties));
    }

    private static Optional<String> proxyOf(RouterConfig config, String route) {
        return config.route(route).orElseThrow().transport().proxy().map(ProxySetting::address);
    }

    @Test
    void directWithJdkTrustAndHttp11ByDefault() {
        RouterConfig config = load();
        assertEquals(RouteTransport.DIRECT, config.route("secure").orElseThrow().transport());
    }

    @Test
    void environmentProxyFollowsTheUpstreamScheme() {
        env.put("HTTPS_PROXY", "http://secure-proxy:3128");
        env.put("http_proxy", "plain-proxy:8080");
        RouterConfig config = load();
        assertEquals(Optional.of("secure-proxy:3128"), proxyOf(config, "secure"));
        assertEquals("HTTPS_PROXY", config.route("secure").orElseThrow().transport().proxy().orElseThrow().source());
        assertEquals(Optional.of("plain-proxy:8080"), proxyOf(config, "plain"));
    }

    @Test
    void lowerCaseVariablesCountToo() {
        env.put("https_proxy", "http://lower:3128");
        assertEquals(Optional.of("lower:3128"), proxyOf(load(), "secure"));
    }

    @Test
    void noProxyAndLoopbackHostsGoDirect() {
        env.put("HTTPS_PROXY", "http://proxy:3128");
        env.put("HTTP_PROXY", "http://proxy:3128");
        env.put("no_proxy", ".internal.example");
        RouterConfig config = load("router.route.secure.upstream", "https://localhost:8443");
        assertEquals(Optional.empty(), proxyOf(config, "secure"), "loopback never takes the environment's proxy");
        assertEquals(Optional.empty(), proxyOf(config, "plain"), "NO_PROXY suffix");
    }

    @Test
    void routerProxyOverridesTheEnvironmentAndHonoursNoProxy() {
        env.put("HTTPS_PROXY", "http://env-proxy:3128");
        env.put("NO_PROXY", "llm.internal.example");
        RouterConfig config = load("router.proxy", "http://company-proxy:8080");
        assertEquals(Optional.of("company-proxy:8080"), proxyOf(config, "secure"));
        assertEquals(Optional.empty(), proxyOf(config, "plain"));
    }

    @Test
    void routeProxyWinsAndNoneDisables() {
        env.put("HTTPS_PROXY", "http://env-proxy:3128");
        env.put("NO_PROXY", "*");
        RouterConfig config = load("router.route.plain.proxy", "http://route-proxy:3128", "router.proxy", "none");
        assertEquals(Optional.empty(), proxyOf(config, "secure"));
        assertEquals(Optional.of("route-proxy:3128"), proxyOf(config, "plain"), "the route named its proxy: NO_PROXY does not apply");
        RouterConfig off = load("router.route.secure.proxy", "none");
        assertEquals(Optional.empty(), proxyOf(off, "secure"));
    }

    @Test
    void badProxiesAreNamedWithoutTheirCredentials() {
        env.put("HTTPS_PROXY", "socks5://u:envsecret@proxy:1080");
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> load("router.route.plain.proxy", "ftp://user:routesecret@proxy:21"));
        String message = e.getMessage();
        assertTrue(message.contains("router.route.plain.proxy = \"ftp://****@proxy:21\": expected an http proxy URL"), message);
        assertTrue(message.contains("environment variable HTTPS_PROXY = \"socks5://****@proxy:1080\""), message);
        assertFalse(message.contains("secret"), message);
    }

    @Test
    void trustStoresOfBothLevelsAddUpAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        Path pem = io.github.modelrouter.tls.TestPki.create("Config Test CA").writePem(dir.resolve("ca.pem"));
        RouterConfig config = load("router.trust-store", pem.toString(), "router.route.secure.trust-store", pem.toString(),
                "router.route.secure.http2", "true");
        RouteTransport secure = config.route("secure").orElseThrow().transport();
        assertEquals(2, secure.extraTrust().size());
        assertEquals(java.util.List.of(pem.toString(), pem.toString()), secure.trustStores());
        assertTrue(secure.http2());
        assertEquals(1, config.route("plain").orElseThrow().transport().extraTrust().size());

        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> load(
                "router.trust-store", dir.resolve("missing.pem").toString(),
                "router.route.plain.trust-store", empty.toString(),
                "router.route.plain.trust-store-password", "p12secret",
                "router.route.secure.http2", "maybe"));
        String message = e.getMessage();
        assertTrue(message.contains("router.trust-store = \"" + dir.resolve("missing.pem") + "\": cannot read"), message);
        assertTrue(message.contains("router.route.plain.trust-store = \"" + empty + "\""), message);
        assertTrue(message.contains("router.route.secure.http2 = \"maybe\": expected true or false"), message);
        assertFalse(message.contains("p12secret"), message);
    }
}
