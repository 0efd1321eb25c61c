package io.github.modelrouter.web;

import io.github.modelrouter.rewrite.ClientHeaders;
import java.util.List;

/**
 * The Claude Code session a request belongs to: its {@code x-claude-code-session-id} header (a
 * UUID in practice). A value that is too long or holds characters outside
 * {@code [A-Za-z0-9._:-]} is ignored rather than trusted as a key into shared state.
 */
final class SessionId {

    static final String HEADER = "x-claude-code-session-id";
    private static final int MAX_CHARS = 128;

    private SessionId() {
    }

    /** The session id, or null when the request names none usable. */
    static String of(ClientHeaders headers) {
        List<String> values = headers.values(HEADER);
        if (values.size() != 1) {
            return null;
        }
        String value = values.get(0).trim();
        if (value.isEmpty() || value.length() > MAX_CHARS) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return null;
            }
        }
        return value;
    }
}
