package io.github.modelrouter.web;

/**
 * Client-chosen text (a model name, a path, a user agent, an origin) made safe for a one-line log
 * or an error message: control characters, spaces, backslashes and the Unicode line separators
 * become escapes, and long values are cut, so one request is always one line that no client can
 * forge or break. Stateless.
 */
final class LogText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    /** {@code text} escaped and cut to {@code max} characters (an ellipsis marks the cut). */
    static String escape(String text, int max) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = null;
        int n = Math.min(text.length(), max);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean unsafe = c <= 0x20 || c == 0x7F || c == '\\' || (c >= 0x80 && c <= 0x9F)
                    || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                } else {
                    out.append(c);
                }
            }
        }
        String escaped = out == null ? text.substring(0, n) : out.toString();
        return text.length() > max ? escaped + "…" : escaped;
    }
}
