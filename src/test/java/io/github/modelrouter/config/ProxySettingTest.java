package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySettingTest {

    @Test
    void parsesHostPortAndPercentEncodedCredentials() {
        ProxySetting proxy = ProxySetting.parse("http://team%40corp:p%3Ass+word@Proxy.Corp:3128/", "HTTPS_PROXY").orElseThrow();
        assertEquals("proxy.corp", proxy.host());
        assertEquals(3128, proxy.port());
        assertEquals("team@corp", proxy.username());
        assertEquals("p:ss+word", proxy.password().value());
        assertEquals("proxy.corp:3128", proxy.address());
    }

    @Test
    void schemeAndPortMayBeLeftOut() {
        assertEquals("proxy.corp:3128", ProxySetting.parse("proxy.corp:3128", "x").orElseThrow().address());
        assertEquals("proxy.corp:80", ProxySetting.parse("http://proxy.corp", "x").orElseThrow().address());
        assertEquals("[::1]:3128", ProxySetting.parse("http://[::1]:3128", "x").orElseThrow().address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://proxy.corp:3128", "socks5://proxy:1080", "http://proxy:99999", "http://proxy:port",
            "http://:3128", "http://proxy:3128/path", "http://@proxy:3128", "http://a b:3128"})
    void rejectsWhatIsNotAnHttpProxyUrl(String text) {
        assertTrue(ProxySetting.parse(text, "x").isEmpty(), text);
    }

    @Test
    void credentialsNeverShowInTextOrMaskedValues() {
        ProxySetting proxy = ProxySetting.parse("http://user:hunter2@proxy:3128", "router.proxy").orElseThrow();
        assertFalse(proxy.toString().contains("hunter2"), proxy.toString());
        assertFalse(proxy.toString().contains("user"), proxy.toString());
        assertEquals("http://****@proxy:3128", ProxySetting.masked("http://user:hunter2@proxy:3128"));
        assertEquals("****@proxy:3128", ProxySetting.masked("user:hunter2@proxy:3128"));
    }
}
