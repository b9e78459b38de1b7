package org.compliancekit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT5M}). */
final class CliDurations implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new TypeConversionException("not a positive duration of at most 999999999 units; write e.g. 90s, "
                    + "5m or PT5M");
        }
        return d;
    }
}
