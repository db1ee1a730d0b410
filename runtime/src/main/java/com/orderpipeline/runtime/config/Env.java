package com.orderpipeline.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of environment variables. Every failure names the variable, the value given and
 * what was expected, so a service that cannot start says exactly which setting to fix.
 */
public final class Env {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Map<String, String> asMap() {
        return variables;
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public String required(String name, String purpose) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is not set: it is needed for " + purpose));
    }

    public int integer(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    public long longValue(String name, long fallback, long min, long max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", not '" + value.get() + "'");
        }
    }

    public int port(String name, int fallback) {
        return integer(name, fallback, 0, 65_535);
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, not '" + value.get() + "'");
        };
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h} or {@code 7d}; a bare number is seconds. */
    public Duration duration(String name, Duration fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return parseDuration(value.get()).orElseThrow(() -> new ConfigException(name
                + " must be a duration such as 500ms, 30s, 10m, 24h or 7d, not '" + value.get() + "'"));
    }

    /** A {@link #duration} that must be longer than 0; {@code example} is named in the error, such as {@code 10m}. */
    public Duration positiveDuration(String name, Duration fallback, String example) {
        Duration duration = duration(name, fallback);
        if (duration.isZero()) {
            throw new ConfigException(name + " must be longer than 0, such as " + example);
        }
        return duration;
    }

    /** Parses the duration syntax of {@link #duration}; empty when the text is not one. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        try {
            return Optional.of(switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            });
        } catch (ArithmeticException e) {
            // more hours or days than a Duration holds: not a duration anyone means
            return Optional.empty();
        }
    }

    /** An http or https URL, without a trailing slash. */
    public String url(String name, String fallback) {
        String value = string(name, fallback);
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be an http:// or https:// URL, not '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
