package io.github.modelrouter.config;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An outbound HTTP proxy a route reaches its upstream through ({@code router.proxy},
 * {@code router.route.<r>.proxy}, or {@code HTTPS_PROXY}/{@code HTTP_PROXY}). Https upstreams are
 * reached through it with {@code CONNECT}; http upstreams by sending it the request. Its
 * {@code toString} and {@link #address} never show the credentials, which are only for the
 * {@code Proxy-Authorization} header.
 *
 * @param host the proxy's host name or IP literal (IPv6 without brackets)
 * @param port the proxy's port
 * @param username user for Basic proxy authentication; empty for none
 * @param password its password (empty when none)
 * @param source the key or environment variable the proxy was configured in, for messages
 */
public record ProxySetting(String host, int port, String username, Secret password, String source) {

    /** Default port of a proxy URL that names none, as for any {@code http://} URL. */
    static final int DEFAULT_PORT = 80;

    public ProxySetting {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Whether Basic credentials are sent to the proxy. */
    public boolean hasCredentials() {
        return !username.isEmpty();
    }

    /** {@code host:port}, as shown in /health and messages (never the credentials). */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "ProxySetting[" + address() + (hasCredentials() ? " with credentials" : "") + " from " + source + "]";
    }

    /**
     * Parses {@code http://[user:password@]host[:port][/]}; a value without a scheme is taken as
     * {@code http://} (as curl does with {@code HTTPS_PROXY=proxy:3128}). User and password may be
     * percent-encoded. Empty when the text is not such a URL.
     */
    static Optional<ProxySetting> parse(String text, String source) {
        String rest = text.trim();
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0) {
            if (!rest.substring(0, schemeEnd).equalsIgnoreCase("http")) {
                return Optional.empty();
            }
            rest = rest.substring(schemeEnd + 3);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String username = "";
        String password = "";
        // the last @ ends the user info: a password with an unencoded @ still parses
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : "";
            if (username == null || password == null || username.isEmpty()) {
                return Optional.empty();
            }
        }
        String user = username;
        Secret secret = new Secret(password);
        return hostAndPort(rest).map(hp -> new ProxySetting(hp.host(), hp.port(), user, secret, source));
    }

    /** The text with any user info replaced by {@code ****}, safe to quote in a message. */
    static String masked(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int schemeEnd = text.indexOf("://");
        int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
        return text.substring(0, start) + "****" + text.substring(at);
    }

    private record HostPort(String host, int port) {
    }

    private static Optional<HostPort> hostAndPort(String authority) {
        if (authority.isEmpty() || authority.contains("/") || authority.contains("?") || authority.contains("#")) {
            return Optional.empty();
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return Optional.empty();
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            portText = colon >= 0 ? authority.substring(colon + 1) : null;
            if (host.contains(":")) {
                return Optional.empty();
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            return Optional.empty();
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (port < 1 || port > 65_535) {
                return Optional.empty();
            }
        }
        return Optional.of(new HostPort(IDN.toASCII(host).toLowerCase(Locale.ROOT), port));
    }

    private static String decode(String text) {
        try {
            // URLDecoder is for forms: keep a literal + as it is
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
