package io.github.modelrouter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the router does with the client's {@code anthropic-beta} header
 * ({@code router.route.<r>.beta-header}): {@code forward}, {@code drop} or
 * {@code allow:<beta>,<beta>} to forward only the listed values.
 *
 * @param mode forward, drop or allow
 * @param allowed the values kept in {@link Mode#ALLOW} mode, lower case
 */
public record BetaHeaderPolicy(Mode mode, Set<String> allowed) {

    /** The three policies. */
    public enum Mode { FORWARD, DROP, ALLOW }

    public static final BetaHeaderPolicy FORWARD = new BetaHeaderPolicy(Mode.FORWARD, Set.of());
    public static final BetaHeaderPolicy DROP = new BetaHeaderPolicy(Mode.DROP, Set.of());

    public BetaHeaderPolicy {
        allowed = Set.copyOf(allowed);
    }

    /** Parses a config value; returns {@code null} when it is not one of the three forms. */
    public static BetaHeaderPolicy parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("forward")) {
            return FORWARD;
        }
        if (value.equals("drop")) {
            return DROP;
        }
        if (value.startsWith("allow:")) {
            Set<String> betas = Arrays.stream(value.substring("allow:".length()).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            return new BetaHeaderPolicy(Mode.ALLOW, betas);
        }
        return null;
    }

    /**
     * The header value to send upstream for the client's value (comma-separated, possibly several
     * header lines already joined), or empty when nothing is to be sent.
     */
    public Optional<String> apply(String clientValue) {
        if (clientValue == null || clientValue.isBlank() || mode == Mode.DROP) {
            return Optional.empty();
        }
        if (mode == Mode.FORWARD) {
            return Optional.of(clientValue);
        }
        String kept = Arrays.stream(clientValue.split(","))
                .map(String::trim)
                .filter(beta -> allowed.contains(beta.toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining(","));
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
    }
}
