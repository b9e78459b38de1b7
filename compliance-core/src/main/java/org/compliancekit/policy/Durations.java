package org.compliancekit.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.ConfigurationException;

/**
 * The duration syntax of policy files: {@code 30d}, {@code 24h}, {@code 15m}, {@code 45s}, or ISO-8601 ({@code P30D}).
 * Public so that other front ends (annotations) accept exactly what files accept.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhms])");

    private Durations() {
    }

    /** Parses {@code text}; an error names {@code where} (the file path or attribute). */
    public static Duration parse(String text, String where) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            String upper = t.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("P") && !upper.contains("T")) {
                // Months and years have no fixed length; only day-based periods are accepted.
                java.time.Period p = java.time.Period.parse(upper);
                if (p.getYears() != 0 || p.getMonths() != 0) {
                    throw new ConfigurationException(where + ": '" + text + "' uses months or years; write it in days");
                }
                return Duration.ofDays(p.getDays());
            }
            return Duration.parse(upper);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(where + ": '" + text + "' is not a duration; write e.g. 30d, 24h, 15m or P30D");
        }
    }

    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toSeconds() % 86_400 == 0 && d.getNano() == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3_600 == 0 && d.getNano() == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0 && d.getNano() == 0) {
            return d.toMinutes() + "m";
        }
        return d.getNano() == 0 ? d.toSeconds() + "s" : d.toString();
    }
}
