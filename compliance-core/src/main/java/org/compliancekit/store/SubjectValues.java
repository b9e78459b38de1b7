package org.compliancekit.store;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.regex.Pattern;
import org.compliancekit.store.support.Values;

/**
 * The matching rules of subject requests, shared by every store so that a request finds the same rows everywhere.
 * <ul>
 *   <li>An email address matches after removing leading and trailing whitespace (as {@link String#strip()} does)
 *   from both the request and the stored value, with ASCII letters {@code A-Z} equal to {@code a-z}; every other
 *   character, including letters outside ASCII, must be equal as stored.</li>
 *   <li>An id or other identity matches only in the canonical form of its column's type ({@link #idValue}):
 *   ASCII digits with an optional leading {@code -} and no leading zero for integers, the same with an optional
 *   fraction for decimals, {@code 8-4-4-4-12} hexadecimal digits for UUIDs, and the exact text (no trimming, no
 *   case folding) for text columns.</li>
 * </ul>
 */
public final class SubjectValues {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SubjectValues() {
    }

    /** The form an email address is compared in: stripped of surrounding whitespace, ASCII letters in lower case. */
    public static String emailKey(String email) {
        String s = email.strip();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }

    /** Whether a stored value is the email address {@code wanted} under the email rule. */
    public static boolean sameEmail(Object stored, String wanted) {
        return stored != null && emailKey(stored.toString()).equals(emailKey(wanted));
    }

    /**
     * {@code text} as a value of a column of {@code type}, or {@code null} when it is not in the type's canonical
     * form (then no row can match it): a {@link Long} for integer types, a {@link BigDecimal} for decimals, a
     * {@link UUID}, or the text itself for text, JSON and other types.
     */
    public static Object idValue(String text, SqlType type) {
        return switch (type) {
            case SMALLINT, INTEGER, BIGINT -> {
                if (!INTEGER.matcher(text).matches()) {
                    yield null;
                }
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    yield null; // beyond the 64-bit range: no integer column holds it
                }
            }
            case DECIMAL -> DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
            case UUID -> UUID_FORM.matcher(text).matches() ? UUID.fromString(text) : null;
            case TEXT, JSON, OTHER -> text;
            default -> null;
        };
    }

    /** Whether {@code stored} is the value {@code text} names in a column of {@code type} (see {@link #idValue}). */
    public static boolean sameId(Object stored, String text, SqlType type) {
        Object wanted = idValue(text, type);
        if (stored == null || wanted == null) {
            return false;
        }
        return wanted instanceof UUID u ? u.toString().equalsIgnoreCase(stored.toString()) : Values.same(stored, wanted);
    }

    /** The canonical form {@link #idValue} accepts for {@code type}, for error messages. */
    public static String expectedForm(SqlType type) {
        return switch (type) {
            case SMALLINT, INTEGER, BIGINT -> "an integer in ASCII digits, without spaces, '+' or leading zeros (e.g. 42)";
            case DECIMAL -> "a decimal number in ASCII digits, without spaces, '+' or leading zeros (e.g. 42 or 4.5)";
            case UUID -> "a UUID as 8-4-4-4-12 hexadecimal digits (e.g. 123e4567-e89b-12d3-a456-426614174000)";
            case TEXT, JSON, OTHER -> "the exact text stored";
            default -> "no form: a " + type + " column cannot identify a subject";
        };
    }

    /** The canonical text of a stored id, the form {@link #idValue} reads back. */
    public static String idText(Object stored) {
        if (stored instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (stored instanceof Number n && !(stored instanceof Double || stored instanceof Float)) {
            return n.toString();
        }
        return stored.toString();
    }
}
