package io.github.modelrouter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile request lines and bodies, sent on a raw socket as an attacker would: encoded and doubled
 * paths, path parameters, odd methods, absolute-form targets, duplicate {@code model} keys and
 * malformed JSON of each kind. Whatever the router answers, it answers in Anthropic's error
 * envelope (never the container's HTML page), with the status SPEC gives, and nothing of it is
 * forwarded. Same on every container.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(60)
class HostileInputIT {

    @RegisterExtension
    static final FakeUpstream UPSTREAM = FakeUpstream.start().resetBeforeEach();

    private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();
    @Deployment(testable = false)
    static WebArchive deployment() {
        return RouterDeployment.war(RouteProperties.defaultTable(UPSTREAM));
    }

    @ArquillianResource
    URL base;

    /**
     * {@code normalized} is what the path means once the container has normalized it (Tomcat
     * merges slashes and resolves {@code %2e%2e}): a container may serve that instead, since every
     * filter and servlet mapping applies to the normalized path (nothing is bypassed); "-" when no
     * normalization is acceptable.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "POST     | //v1/messages                      | 400/404 | invalid_request_error/not_found_error | 200",
        "POST     | /v1//messages                      | 400/404 | invalid_request_error/not_found_error | 200",
        "POST     | /v1/%2e%2e/metrics                 | 400 | invalid_request_error | 404",
        "GET      | /v1/%2e%2e/metrics                 | 400 | invalid_request_error | 200",
        "POST     | /v1/messages%2fcount_tokens        | 400 | invalid_request_error | -",
        "POST     | /v1/mess%00ages                    | 400 | invalid_request_error | -",
        "TRACE    | /v1/messages                       | 404 | not_found_error       | -",
        "TRACE    | /                                  | 404 | not_found_error       | -",
        "TRACE    | /status.js                         | 404 | not_found_error       | -",
        "TRACK    | /v1/messages                       | 404 | not_found_error       | -",
        "PROPFIND | /v1/messages                       | 404 | not_found_error       | -",
        "DELETE   | /v1/messages                       | 404 | not_found_error       | -",
        "FOO      | /v1/messages                       | 404 | not_found_error       | -",
        "GET      | /v1/messages                       | 404 | not_found_error       | -",
    })
    void oddTargetsAndMethodsGetTheEnvelope(String method, String target, String status, String type, String normalized)
            throws Exception {
        String path = RawHttp.path(base, target.startsWith("//") ? "/" + target.substring(1) : target);
        if (target.startsWith("//")) {
            path = base.getPath().replaceAll("/$", "") + target;
        }
        String answer = raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body().length() + "\r\nConnection: close\r\n\r\n"
                + body());
        if (!normalized.equals("-") && answer.startsWith("HTTP/1.1 ") && RawHttp.status(answer) == Integer.parseInt(normalized)
                && answer.toLowerCase(java.util.Locale.ROOT).contains("x-request-id:")) {
            // served as the normalized path, through the same filters (x-request-id shows the chain ran)
            REPORT.put(method + " " + target, normalized + " (served as the normalized path)");
            return;
        }
        assertEnvelope(method + " " + target, answer, status, type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "absolute-form, other host        | POST http://evil.example/PATH HTTP/1.1        | 403/400 | permission_error/invalid_request_error",
        "absolute-form, loopback          | POST http://localhost/PATH HTTP/1.1           | 200 | -",
        "garbage method                   | \u0001\u0002 /PATH HTTP/1.1                     | 400 | invalid_request_error",
    })
    void oddRequestLines(String name, String line, String status, String type) throws Exception {
        String requestLine = line.replace("PATH", RawHttp.path(base, "/v1/messages").substring(1));
        String answer = raw(requestLine + "\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body().length() + "\r\nConnection: close\r\n\r\n" + body());
        if (status.equals("200")) {
            assertEquals(200, RawHttp.status(answer), answer);
            REPORT.put(name, "200 (served)");
        } else {
            assertEnvelope(name, answer, status, type);
        }
    }

    /**
     * A refusal for a target outside the router's context path is not the router's to answer: a
     * web application beside it on the same server keeps the container's page (Jetty's previous
     * server error handler, Tomcat's own answer). Meaningful where the test deployment has a
     * context path of its own, as on every container here.
     */
    @org.junit.jupiter.api.Test
    void aRefusalOutsideTheRoutersContextIsLeftToTheContainer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(base.getPath().equals("/"), "the router is the root context");
        String answer = raw("POST http://evil.example/elsewhere/v1/messages HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body().length() + "\r\nConnection: close\r\n\r\n" + body());
        int status = RawHttp.status(answer);
        assertTrue(status >= 400 && status < 500, answer);
        assertTrue(!answer.contains("{\"type\":\"error\""), "not answered by the router: " + answer);
        assertEquals(0, UPSTREAM.received().size(), "never forwarded");
        REPORT.put("absolute-form, other host, outside the router's context", status + " (left to the container)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "duplicate model                  | {\"model\":\"claude-haiku-4-5\",\"model\":\"claude-opus-4-5\",\"max_tokens\":1,\"messages\":[]}",
        "duplicate stream                 | {\"model\":\"claude-haiku-4-5\",\"stream\":false,\"max_tokens\":1,\"messages\":[],\"stream\":true}",
        "truncated object                 | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":1",
        "trailing garbage                 | {\"model\":\"claude-haiku-4-5\"} x",
        "two values                       | {\"model\":\"claude-haiku-4-5\"}{}",
        "array, not object                | [\"model\",\"claude-haiku-4-5\"]",
        "bare string                      | \"claude-haiku-4-5\"",
        "empty body                       | ''",
        "unquoted key                     | {model:\"claude-haiku-4-5\"}",
        "single quotes                    | {'model':'claude-haiku-4-5'}",
        "trailing comma                   | {\"model\":\"claude-haiku-4-5\",}",
        "bad escape                       | {\"model\":\"claude\\x-haiku\"}",
        "invalid UTF-8                    | INVALID_UTF8",
        "control character in string      | CONTROL_CHAR",
        "number with leading zero         | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":01}",
        "NaN                              | {\"model\":\"claude-haiku-4-5\",\"max_tokens\":NaN}",
        "deep nesting                     | DEEP",
        "model not a string               | {\"model\":42}",
        "model empty                      | {\"model\":\"\"}",
        "model too long                   | LONG_MODEL",
    })
    void malformedBodiesAre400WithTheEnvelope(String name, String json) throws Exception {
        byte[] bytes = switch (json) {
            case "INVALID_UTF8" -> concat("{\"model\":\"claude-haiku-4-5\",\"x\":\"", new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}");
            case "CONTROL_CHAR" -> "{\"model\":\"claude-haiku-4-5\",\"x\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8);
            case "DEEP" -> ("{\"model\":\"claude-haiku-4-5\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case "LONG_MODEL" -> ("{\"model\":\"" + "m".repeat(129) + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> json.getBytes(StandardCharsets.UTF_8);
        };
        String head = "POST " + RawHttp.path(base, "/v1/messages") + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        assertEnvelope(name, raw(concat(head, bytes, "")), 400, "invalid_request_error");
        assertEquals(0, UPSTREAM.received().size(), "never forwarded");
    }

    @AfterAll
    static void report() {
        System.out.println("Hostile inputs:");
        REPORT.forEach((input, answer) -> System.out.println("  " + input + " -> " + answer));
    }

    private static void assertEnvelope(String input, String answer, int status, String type) {
        assertEnvelope(input, answer, Integer.toString(status), type);
    }

    /**
     * {@code statuses} and {@code types} may name alternatives, pairwise ("403/400",
     * "permission_error/invalid_request_error"): an absolute-form target naming another host is the
     * router's 403 where it gets that far, and a 400 where the container refuses the mismatch of
     * target and {@code Host} itself (Jetty, RFC 9112 section 3.2.2); a path with an empty segment
     * is a 400 where the container refuses it as ambiguous (Jetty) and a 404 where it reaches the
     * router unnormalized, as no endpoint.
     */
    private static void assertEnvelope(String input, String answer, String statuses, String types) {
        REPORT.put(input, answer.isEmpty() ? "(no answer)" : answer.substring(9, 12) + " "
                + answer.replaceAll("(?s).*\"error\":\\{\"type\":\"([a-z_]+)\".*", "$1").replaceAll("(?s)^HTTP/.*", "(not the envelope)"));
        assertTrue(answer.startsWith("HTTP/1.1 "), input + ": " + answer);
        java.util.List<String> statusList = java.util.List.of(statuses.split("/"));
        java.util.List<String> typeList = java.util.List.of(types.split("/"));
        int at = statusList.indexOf(Integer.toString(RawHttp.status(answer)));
        assertTrue(at >= 0, input + ": expected a status of " + statuses + ": " + answer);
        String lower = answer.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("content-type: application/json"), input + ": " + answer);
        assertTrue(answer.contains("{\"type\":\"error\",\"error\":{\"type\":\"" + typeList.get(at) + "\""), input + ": " + answer);
    }

    private String raw(String request) throws Exception {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String raw(byte[] request) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // what arrived before a reset counts
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String body() {
        return Http.body("claude-haiku-4-5", false);
    }

    private static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(b);
        out.writeBytes(c.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
