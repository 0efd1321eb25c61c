package io.github.modelrouter.web;

import io.github.modelrouter.config.OpenPortPolicy;
import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps web pages off the port. The router holds its user's paid keys behind a port that is, by
 * default, on a laptop's loopback interface, where any page the user opens can send it requests
 * and, through DNS rebinding, read the answers. Clients such as Claude Code and the SDKs send no
 * {@code Origin}, use a loopback or IP {@code Host}, and send JSON; a browser page cannot do all
 * three without a CORS preflight, which the router never grants. So, right after the concurrency
 * cap and before inbound auth and the body:
 *
 * <ul>
 *   <li>a request with an {@code Origin} is refused with 403 {@code permission_error} unless the
 *       origin is listed in {@code router.allowed-origins} ({@code *} allows any);
 *   <li>without inbound tokens, a {@code Host} other than a loopback name ({@code localhost},
 *       {@code *.localhost}), an IP literal or a name in {@code router.allowed-hosts} is refused
 *       with 403 (DNS rebinding); with tokens every host is accepted, since a page cannot know one;
 *   <li>{@code POST /v1/messages} and {@code count_tokens} must say {@code application/json}
 *       (parameters allowed), else 415: a page can send {@code text/plain} across sites without
 *       a preflight, but not JSON.
 * </ul>
 * Stateless after construction; called on container threads.
 */
final class OpenPortFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;
    private final boolean anyOrigin;
    private final boolean anyHost;

    OpenPortFilter(OpenPortPolicy policy, boolean inboundTokens) {
        this.allowedOrigins = policy.allowedOrigins();
        this.allowedHosts = policy.allowedHosts();
        this.anyOrigin = allowedOrigins.contains("*");
        this.anyHost = inboundTokens;
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        AnthropicError refusal = refusal(clientRequest);
        if (refusal != null) {
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse, refusal);
            return;
        }
        chain.doFilter(clientRequest, clientResponse);
    }

    private AnthropicError refusal(HttpServletRequest clientRequest) {
        String origin = clientRequest.getHeader("origin");
        if (origin != null && !originAllowed(origin)) {
            return AnthropicError.Type.PERMISSION.error("requests from web pages are refused: origin "
                    + LogText.escape(origin, 100) + " is not in router.allowed-origins");
        }
        String host = clientRequest.getHeader("host");
        if (!anyHost && host != null && !hostAllowed(hostName(host))) {
            return AnthropicError.Type.PERMISSION.error("host " + LogText.escape(host, 100)
                    + " is not accepted: use localhost or an IP address, list the name in router.allowed-hosts,"
                    + " or set router.auth.tokens");
        }
        if (isForwarded(clientRequest) && !isJson(clientRequest.getContentType())) {
            return AnthropicError.Type.UNSUPPORTED_MEDIA_TYPE.error(
                    "content-type must be application/json, not " + LogText.escape(
                            String.valueOf(clientRequest.getContentType()), 100));
        }
        return null;
    }

    private boolean originAllowed(String origin) {
        return anyOrigin || allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    private boolean hostAllowed(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || IPV4.matcher(name).matches()
                || name.startsWith("[") || allowedHosts.contains(name);
    }

    /** The name of a {@code Host} header: lower case, without port or a trailing dot; IPv6 kept in brackets. */
    static String hostName(String host) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        int end;
        if (value.startsWith("[")) {
            end = value.indexOf(']') + 1;
            return end > 0 ? value.substring(0, end) : value;
        }
        int colon = value.indexOf(':');
        String name = colon >= 0 ? value.substring(0, colon) : value;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isForwarded(HttpServletRequest clientRequest) {
        if (!"POST".equals(clientRequest.getMethod())) {
            return false;
        }
        String path = clientRequest.getRequestURI().substring(clientRequest.getContextPath().length());
        return path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens");
    }

    /** {@code application/json}, any case, parameters allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }
}
