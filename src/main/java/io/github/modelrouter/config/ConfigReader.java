package io.github.modelrouter.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Reads raw text from MicroProfile Config and parses it, turning every bad value into a recorded
 * problem instead of an exception, so the loader can report all of them at once. Values are read
 * as strings and parsed here (not with MicroProfile converters) because a converter's exception
 * says neither which key was wrong nor what was expected.
 *
 * <p>Problem messages quote the bad value, except for {@link #secret secrets}, whose values never
 * appear in a message.
 */
final class ConfigReader {

    /** Longest duration accepted (about 31 years): large enough for "never", small enough not to overflow nanoseconds. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);
    private static final int SHOWN_CHARS = 80;

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(Config config) {
        this.config = config;
    }

    /** The trimmed value of {@code key}; empty when unset or blank. */
    Optional<String> text(String key) {
        return read(key, true);
    }

    /** Like {@link #text} for a key that holds a credential: a read failure does not show the cause. */
    Optional<String> secret(String key) {
        return read(key, false);
    }

    /** The entries of a comma-separated value (see {@link ConfigLists}); empty when unset. */
    Optional<List<String>> list(String key) {
        return text(key).map(ConfigLists::split);
    }

    /**
     * The value of {@code key} parsed by {@code parser}, which returns {@code null} for text it
     * rejects; a rejected value is recorded as a problem saying what was {@code expected}.
     */
    <T> Optional<T> parsed(String key, Function<String, T> parser, String expected) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        T value = parser.apply(text.get());
        if (value == null) {
            invalid(key, text.get(), expected);
        }
        return Optional.ofNullable(value);
    }

    /** An enum constant written in lower case with dashes ({@code estimate}, {@code placeholder}). */
    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(ConfigReader::configName).collect(Collectors.joining(", "));
        return parsed(key, text -> Arrays.stream(constants)
                .filter(c -> configName(c).equals(text.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null), "one of " + names);
    }

    /** A positive number of seconds, fractions allowed ({@code 300}, {@code 0.5}). */
    Optional<Duration> seconds(String key) {
        return parsed(key, ConfigReader::positiveSeconds,
                "a positive number of seconds up to " + MAX_SECONDS + ", such as 300 or 2.5");
    }

    /** {@code 0} (the feature is off) or a positive number of seconds, fractions allowed. */
    Optional<Duration> secondsOrZero(String key) {
        return parsed(key, text -> text.trim().matches("0+(\\.0*)?") ? Duration.ZERO : positiveSeconds(text),
                "0 (off) or a positive number of seconds up to " + MAX_SECONDS + ", such as 15 or 2.5");
    }

    /** A whole number at least {@code min}. */
    Optional<Integer> integer(String key, int min) {
        return parsed(key, text -> {
            try {
                int value = Integer.parseInt(text);
                return value >= min ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }, "a whole number " + (min == 0 ? "of 0 or more" : "of " + min + " or more") + " (up to " + Integer.MAX_VALUE + ")");
    }

    /** A whole number at least {@code min}, in the range of a {@code long}. */
    Optional<Long> longInteger(String key, long min) {
        return parsed(key, text -> {
            try {
                long value = Long.parseLong(text);
                return value >= min ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }, "a whole number of " + min + " or more");
    }

    /** {@code true} or {@code false} (also {@code yes}/{@code no}, {@code on}/{@code off}, {@code 1}/{@code 0}). */
    Optional<Boolean> bool(String key) {
        return parsed(key, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> null;
        }, "true or false");
    }

    /** Records that {@code key} holds {@code value}, which is not what was {@code expected}. */
    void invalid(String key, String value, String expected) {
        problems.add(key + " = " + quote(value) + ": expected " + expected);
    }

    /** Records a problem described in full by the caller. */
    void problem(String message) {
        problems.add(message);
    }

    int problemCount() {
        return problems.size();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The value in quotes, shortened so one runaway value cannot bury the other problems. */
    static String quote(String value) {
        String shown = value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "…";
        return '"' + shown + '"';
    }

    private Optional<String> read(String key, boolean showCause) {
        try {
            return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
        } catch (RuntimeException e) {
            // e.g. a ${...} expression that cannot be expanded; its message may quote the raw value
            problems.add(key + " cannot be read: "
                    + (showCause ? e.getMessage() : "the cause is not shown because the key holds a credential"));
            return Optional.empty();
        }
    }

    private static Duration positiveSeconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
                return null;
            }
            return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
