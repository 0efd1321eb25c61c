package io.github.modelrouter.rewrite;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers of the upstream's answer are copied to the client's. Everything is copied except:
 *
 * <ul>
 *   <li>hop-by-hop headers ({@code connection}, {@code keep-alive}, {@code proxy-authenticate},
 *       {@code proxy-authorization}, {@code proxy-connection}, {@code te}, {@code trailer},
 *       {@code transfer-encoding}, {@code upgrade}) and HTTP/2 pseudo-headers: they describe the
 *       upstream connection, and the container frames the client's own;
 *   <li>{@code content-length}: the body may be transformed (thinking blocks dropped);
 *   <li>{@code set-cookie}, {@code set-cookie2}: the router must not store or pass cookies,
 *       otherwise cookies of different clients would mix through one proxy;
 *   <li>{@code x-request-id}: the router sets its own, the one in its logs;
 *   <li>{@code date}, {@code server}: the container writes its own, and a copy would duplicate
 *       them (or reveal the upstream);
 *   <li>{@code alt-svc}, {@code strict-transport-security}: they advertise the upstream's host
 *       and would be applied by clients to the router's.
 * </ul>
 *
 * Kept, among others: {@code content-type}, {@code retry-after}, {@code request-id},
 * {@code anthropic-*}, {@code x-ratelimit-*} and {@code ratelimit*}. {@code content-encoding} is
 * kept too: the router asks for {@code identity}, but an upstream that compresses anyway sends a
 * body the client can only decode with that header (stages that rewrite the body must check it
 * and pass an encoded body through untouched). Headers named in the upstream's
 * {@code Connection} header are hop-by-hop as well (RFC 9110 §7.6.1) and are dropped by
 * {@link #toClient}.
 *
 * <p>{@code retry-after} reaches the client as whole seconds (SPEC "Claude Code as a client"):
 * an HTTP date becomes the seconds from now until then, fractional seconds are rounded up, and a
 * value that is neither is dropped. {@code x-should-retry} and {@code anthropic-ratelimit-*} pass
 * as they came (the SDKs and Claude Code read them).
 */
public final class ResponseHeaders {

    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade",
            "content-length",
            "set-cookie", "set-cookie2",
            "x-request-id",
            "date", "server",
            "alt-svc", "strict-transport-security");

    private ResponseHeaders() {
    }

    /** Whether the upstream response header {@code lowerCaseName} is copied to the client (any case accepted). */
    public static boolean forwardToClient(String lowerCaseName) {
        String name = lowerCaseName.toLowerCase(Locale.ROOT);
        return !name.isEmpty() && !name.startsWith(":") && !NOT_FORWARDED.contains(name);
    }

    /** The upstream's response headers that reach the client, in order. */
    public static List<Map.Entry<String, String>> toClient(List<Map.Entry<String, String>> upstreamHeaders) {
        Set<String> namedByConnection = new HashSet<>();
        for (Map.Entry<String, String> header : upstreamHeaders) {
            if (header.getKey().equalsIgnoreCase("connection")) {
                for (String token : header.getValue().split(",")) {
                    namedByConnection.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return upstreamHeaders.stream()
                .filter(h -> forwardToClient(h.getKey()) && !namedByConnection.contains(h.getKey().toLowerCase(Locale.ROOT)))
                .map(ResponseHeaders::wholeSecondsRetryAfter)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** A {@code retry-after} header in whole seconds, null when unreadable; other headers as they are. */
    private static Map.Entry<String, String> wholeSecondsRetryAfter(Map.Entry<String, String> header) {
        if (!header.getKey().equalsIgnoreCase("retry-after")) {
            return header;
        }
        return retryAfterSeconds(header.getValue(), java.time.Instant.now())
                .map(seconds -> Map.entry(header.getKey(), Long.toString(seconds))).orElse(null);
    }

    /** {@code retry-after} (delta-seconds, fractional, or an HTTP date) as whole seconds from {@code now}, rounded up. */
    public static java.util.Optional<Long> retryAfterSeconds(String value, java.time.Instant now) {
        return io.github.modelrouter.route.NextStep.parseRetryAfter(value, now).map(wait -> {
            long seconds = wait.getSeconds();
            return wait.getNano() > 0 ? seconds + 1 : seconds;
        });
    }
}
