package io.github.modelrouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoProxyTest {

    @ParameterizedTest(name = "NO_PROXY={0}: {1}:{2} bypassed={3}")
    @CsvSource(delimiter = '|', value = {
            "*                         | api.deepseek.com  | 443  | true",
            "api.deepseek.com          | api.deepseek.com  | 443  | true",
            "api.deepseek.com          | deepseek.com      | 443  | false",
            "deepseek.com              | api.deepseek.com  | 443  | true",
            ".deepseek.com             | api.deepseek.com  | 443  | true",
            ".deepseek.com             | deepseek.com      | 443  | true",
            "deepseek.com              | notdeepseek.com   | 443  | false",
            "*.corp.example            | llm.corp.example  | 443  | true",
            "'corp.example, .internal' | gw.internal       | 443  | true",
            "'corp.example  other.org' | other.org         | 443  | true",
            "API.Kimi.COM              | api.kimi.com      | 443  | true",
            "api.kimi.com:8443         | api.kimi.com      | 443  | false",
            "api.kimi.com:8443         | api.kimi.com      | 8443 | true",
            "10.1.2.3                  | 10.1.2.3          | 80   | true",
            "10.1.2.3                  | 10.1.2.4          | 80   | false",
            "10.0.0.0/8                | 10.200.3.4        | 80   | true",
            "10.0.0.0/8                | 11.0.0.1          | 80   | false",
            "192.168.1.0/24            | 192.168.1.77      | 80   | true",
            "::1                       | [::1]             | 80   | true",
            "[::1]:8080                | ::1               | 8080 | true",
            "10.1.2.3                  | host10.1.2.3.com  | 80   | false",
            "''                        | api.kimi.com      | 443  | false",
    })
    void matchesHostsSuffixesIpsAndWildcard(String noProxy, String host, int port, boolean bypassed) {
        assertEquals(bypassed, NoProxy.parse(noProxy).bypasses(host, port));
    }
}
