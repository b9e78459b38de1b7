package org.compliancekit.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.compliancekit.pii.PiiMap;

/**
 * Masks personal data in an event before it is hashed and stored, so it never reaches the audit table. Applied to
 * the details (at any depth) and the summary; the actor is kept.
 *
 * <ul>
 *   <li>A detail whose key is a PII column of the map ({@link PiiMap#piiColumnNames()}, compared case-insensitively,
 *       also as the last part of a dotted {@code table.column} key) has its whole value replaced by {@value #PII}.</li>
 *   <li>Inside any string, email addresses become {@value #EMAIL}, IPv4 and IPv6 addresses {@value #IP}, and phone
 *       numbers (7 to 15 digits, optionally with {@code +}, spaces, dots, dashes and parentheses; ISO dates excluded)
 *       {@value #PHONE}.</li>
 * </ul>
 * Values that are not JSON types are turned into strings first, so their text is checked too. The patterns err on
 * the side of masking: a string of seven or more digits is treated as a phone number.
 */
public final class AuditRedactor {

    public static final String PII = "[redacted:pii]";
    public static final String EMAIL = "[redacted:email]";
    public static final String PHONE = "[redacted:phone]";
    public static final String IP = "[redacted:ip]";

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");
    private static final Pattern IPV4_PATTERN = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]*\\d)");
    private static final Pattern IPV6_CANDIDATE =
            Pattern.compile("(?<![\\p{Alnum}:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\p{Alnum}:])");
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{5,}\\d(?!\\w)");
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private final Set<String> piiKeys;

    private AuditRedactor(Set<String> piiKeys) {
        this.piiKeys = piiKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A redactor masking the PII columns of {@code map} plus the value patterns. */
    public static AuditRedactor forPiiMap(PiiMap map) {
        return new AuditRedactor(map.piiColumnNames());
    }

    /** A redactor masking only values that look like email addresses, phone numbers or IP addresses. */
    public static AuditRedactor patternsOnly() {
        return new AuditRedactor(Set.of());
    }

    /** A copy that also masks details under these keys (case-insensitive). */
    public AuditRedactor withPiiKeys(Set<String> keys) {
        Set<String> all = new HashSet<>(piiKeys);
        all.addAll(keys);
        return new AuditRedactor(all);
    }

    /**
     * {@code event} with summary and details redacted; details normalized to JSON types. Personal fields are kept as
     * given: they are the erasable place for personal data, covered by the chain through commitments.
     */
    public AuditEvent redact(AuditEvent event) {
        return new AuditEvent(event.type(), event.status(), event.actor(), text(event.summary()),
                object(event.details()), event.duration(), event.dryRun(), event.personal());
    }

    /** {@code text} with email addresses, IP addresses and phone numbers masked. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = EMAIL_PATTERN.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        out = IPV4_PATTERN.matcher(out).replaceAll(Matcher.quoteReplacement(IP));
        out = replaceValid(out, IPV6_CANDIDATE, AuditRedactor::isIpv6, IP);
        return replaceOutsideUuids(out, PHONE_CANDIDATE, AuditRedactor::isPhone, PHONE);
    }

    /** Like {@link #replaceValid} but never inside a UUID, whose first group can be eight digits. */
    private static String replaceOutsideUuids(String text, Pattern candidate, Predicate<String> valid, String mask) {
        Matcher uuids = UUID_PATTERN.matcher(text);
        if (!uuids.find()) {
            return replaceValid(text, candidate, valid, mask);
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(replaceValid(text.substring(last, uuids.start()), candidate, valid, mask)).append(uuids.group());
            last = uuids.end();
        } while (uuids.find());
        return out.append(replaceValid(text.substring(last), candidate, valid, mask)).toString();
    }

    private Map<String, Object> object(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            out.put(text(key), isPiiKey(key) ? PII : value(e.getValue()));
        }
        return out;
    }

    private Object value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            return object(map);
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>(c.size());
            c.forEach(item -> list.add(value(item)));
            return list;
        }
        if (v instanceof Object[] array) {
            return value(List.of(array));
        }
        return text(v instanceof Enum<?> e ? e.name() : v.toString());
    }

    private boolean isPiiKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return piiKeys.contains(k) || piiKeys.contains(k.substring(k.lastIndexOf('.') + 1));
    }

    private static String replaceValid(String text, Pattern candidate, Predicate<String> valid, String mask) {
        Matcher m = candidate.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (valid.test(m.group())) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, last, m.start()).append(mask);
                last = m.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static boolean isPhone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15 && !ISO_DATE.matcher(candidate).matches();
    }

    private static boolean isIpv6(String candidate) {
        int doubleColon = candidate.indexOf("::");
        if (doubleColon >= 0 && candidate.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = candidate.split(":", -1);
        int nonEmpty = 0;
        for (String g : groups) {
            nonEmpty += g.isEmpty() ? 0 : 1;
        }
        // Without "::" every one of the 8 groups must be present; with it, fewer groups stand for zeros.
        return doubleColon >= 0 ? nonEmpty <= 7 : groups.length == 8 && nonEmpty == 8;
    }
}
