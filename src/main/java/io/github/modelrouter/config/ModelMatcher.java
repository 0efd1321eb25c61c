package io.github.modelrouter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Model-name entries compiled once: keywords, matched case-insensitively as substrings, and
 * {@code re:<regex>} entries, matched with {@link java.util.regex.Matcher#find} as written (so
 * case-sensitive unless the regex says {@code (?i)}). The one implementation of that rule: a
 * route's {@code match}, a rule's {@code model:} condition and the start-up check that advertised
 * ids route back all use it. Immutable, so shared by every request thread.
 */
public final class ModelMatcher {

    private final List<String> keywords;
    private final List<Pattern> patterns;

    private ModelMatcher(List<String> keywords, List<Pattern> patterns) {
        this.keywords = List.copyOf(keywords);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param entries keywords and {@code re:<regex>} entries; empty entries match nothing
     * @throws java.util.regex.PatternSyntaxException when a {@code re:} entry is not a valid regex
     *     (the config loader reports such entries before this is reached)
     */
    public static ModelMatcher of(List<String> entries) {
        List<String> keywords = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("re:")) {
                patterns.add(Pattern.compile(entry.substring("re:".length())));
            } else if (!entry.isEmpty()) {
                keywords.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        return new ModelMatcher(keywords, patterns);
    }

    /** Whether {@code model} hits any entry; lower-cases it itself (for start-up checks and tests). */
    public boolean matches(String model) {
        return matches(model, model.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the model hits any entry.
     *
     * @param model the model as the client wrote it, for patterns
     * @param lowerModel the same lower-cased with {@link Locale#ROOT}, for keywords (computed once per request)
     */
    public boolean matches(String model, String lowerModel) {
        for (String keyword : keywords) {
            if (lowerModel.contains(keyword)) {
                return true;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(model).find()) {
                return true;
            }
        }
        return false;
    }
}
