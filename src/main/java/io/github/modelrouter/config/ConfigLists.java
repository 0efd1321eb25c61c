package io.github.modelrouter.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits comma-separated configuration values the way MicroProfile Config splits lists: a comma
 * separates entries unless written {@code \,}, which stands for a literal comma (so a
 * {@code re:a{1\,3}} entry keeps its quantifier). Entries are trimmed and empty ones dropped, so a
 * trailing comma or a value of just {@code ,} is harmless.
 */
final class ConfigLists {

    private ConfigLists() {
    }

    static List<String> split(String raw) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ',') {
                entry.append(',');
                i++;
            } else if (c == ',') {
                add(entries, entry);
            } else {
                entry.append(c);
            }
        }
        add(entries, entry);
        return List.copyOf(entries);
    }

    private static void add(List<String> entries, StringBuilder entry) {
        String trimmed = entry.toString().trim();
        if (!trimmed.isEmpty()) {
            entries.add(trimmed);
        }
        entry.setLength(0);
    }
}
