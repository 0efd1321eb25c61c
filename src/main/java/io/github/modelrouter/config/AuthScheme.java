package io.github.modelrouter.config;

import java.util.Locale;

/**
 * How a route presents its key to the upstream: {@code x-api-key}, {@code bearer}
 * ({@code Authorization: Bearer <key>}) or {@code header:<Name>} (the raw key in a named header).
 *
 * @param headerName the header that carries the key
 * @param bearer whether the value is {@code "Bearer " + key}
 */
public record AuthScheme(String headerName, boolean bearer) {

    public static final AuthScheme X_API_KEY = new AuthScheme("x-api-key", false);
    public static final AuthScheme BEARER = new AuthScheme("authorization", true);

    /** Parses a config value; returns {@code null} when it names no known scheme. */
    public static AuthScheme parse(String text) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("x-api-key")) {
            return X_API_KEY;
        }
        if (lower.equals("bearer")) {
            return BEARER;
        }
        if (lower.startsWith("header:")) {
            String name = value.substring("header:".length()).trim();
            return isToken(name) ? new AuthScheme(name.toLowerCase(Locale.ROOT), false) : null;
        }
        return null;
    }

    /** The header value that carries {@code key}. */
    public String headerValue(Secret key) {
        return bearer ? "Bearer " + key.value() : key.value();
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
