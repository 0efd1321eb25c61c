package io.github.modelrouter.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One condition of a routing rule ({@code router.rule.<n>.when}), parsed and validated at start-up.
 * Each kind says in its own type what it tests; the route package evaluates them against a request.
 * Immutable (patterns are compiled once and are thread-safe).
 */
public sealed interface RuleCondition {

    /** The condition as configured, for messages and logs. */
    String text();

    /** {@code model:<keyword or re:regex>}: the request's model, matched like a route's {@code match} entry. */
    record Model(String text, ModelMatcher matcher) implements RuleCondition {
        public Model {
            Objects.requireNonNull(matcher, "matcher");
        }
    }

    /**
     * {@code header:<Name>=<regex>}: some value of the header (name case-insensitive) contains a
     * match of the regex ({@link java.util.regex.Matcher#find}); an absent header never holds.
     */
    record Header(String text, String lowerCaseName, Pattern pattern) implements RuleCondition {
        public Header {
            lowerCaseName = lowerCaseName.toLowerCase(Locale.ROOT);
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code tokens>N}: the estimated input tokens (the local count_tokens estimate) exceed N. */
    record TokensAbove(String text, long threshold) implements RuleCondition {
    }

    /** {@code has:image}: some block of {@code system}, {@code messages} or {@code tools} is an image. */
    record HasImage(String text) implements RuleCondition {
    }

    /** {@code has:thinking}: the request turns thinking on ({@code thinking.type} other than {@code disabled}). */
    record HasThinking(String text) implements RuleCondition {
    }

    /**
     * {@code has:tool=<name or type>}: some entry of {@code tools} has that {@code name}, that
     * {@code type}, or a versioned type of it ({@code web_search} holds for {@code web_search_20250305}).
     */
    record HasTool(String text, String nameOrType) implements RuleCondition {
    }
}
