package org.compliancekit.subject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** What makes a column look like personal data: its name, or the shape of its values. */
final class PiiSignals {
    private PiiSignals() {
    }

    /** A kind of personal data a value can look like. */
    enum ValueKind {
        EMAIL("email addresses"),
        PHONE("phone numbers"),
        IP("IP addresses"),
        IBAN("IBANs");

        final String plural;

        ValueKind(String plural) {
            this.plural = plural;
        }
    }

    private record NameRule(String what, Predicate<Tokens> test) {
    }

    /** A column name split into lower-case words, plus the words joined without separators. */
    private record Tokens(List<String> words, String joined) {
        boolean has(String... any) {
            return Arrays.stream(any).anyMatch(words::contains);
        }

        boolean contains(String... any) {
            return Arrays.stream(any).anyMatch(joined::contains);
        }
    }

    private static final Set<String> PERSON_WORDS = Set.of("first", "last", "full", "given", "family", "middle",
            "maiden", "sur", "contact", "customer", "person", "display", "nick", "real", "legal", "billing",
            "shipping", "recipient", "holder", "user", "owner", "sender");

    // Checked in order: "email_address" is an email, "ip_address" an IP address, before the generic address rule.
    private static final List<NameRule> NAME_RULES = List.of(
            new NameRule("an email address", t -> t.has("email", "mail") || t.contains("email")),
            new NameRule("an IP address", t -> t.has("ip", "ipv4", "ipv6")
                    || t.contains("ipaddress", "ipaddr", "remoteaddr", "clientip")),
            new NameRule("a phone number", t -> t.has("phone", "mobile", "tel", "telephone", "fax", "cell", "msisdn")
                    || t.contains("phone")),
            new NameRule("a person's name", t -> t.contains("firstname", "lastname", "surname", "fullname",
                    "givenname", "familyname", "middlename", "maidenname", "nickname")
                    || (t.has("name") && t.words().stream().anyMatch(PERSON_WORDS::contains))),
            new NameRule("a postal address", t -> t.has("address", "addr", "street", "zip", "zipcode", "postcode",
                    "postal") || t.contains("streetaddress", "postalcode", "zipcode", "addressline")),
            new NameRule("a date of birth", t -> t.has("dob") || t.contains("birth")),
            new NameRule("a bank account", t -> t.has("iban", "bic") || t.contains("bankaccount", "accountnumber")),
            new NameRule("a national identifier", t -> t.has("ssn", "passport") || t.contains("socialsecurity",
                    "nationalid", "taxid", "passportnumber", "idnumber")),
            new NameRule("a payment card number", t -> t.contains("creditcard", "cardnumber", "ccnumber")));

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ()./-]{5,22}[0-9]");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");

    /** Why a column named {@code column} looks like personal data, or empty. */
    static Optional<String> byName(String column) {
        Tokens t = tokens(column);
        return NAME_RULES.stream().filter(r -> r.test().test(t)).findFirst()
                .map(r -> "the name suggests " + r.what());
    }

    /** The kind of personal data {@code value} looks like, or empty. */
    static Optional<ValueKind> byValue(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 254) {
            return Optional.empty();
        }
        if (EMAIL.matcher(v).matches()) {
            return Optional.of(ValueKind.EMAIL);
        }
        // All-digit colon runs are times ("10:30:00"), not IPv6 addresses.
        if (IPV4.matcher(v).matches() || (IPV6.matcher(v).matches() && !v.matches("[0-9:]+"))) {
            return Optional.of(ValueKind.IP);
        }
        String compact = v.replace(" ", "").toUpperCase(Locale.ROOT);
        if (IBAN.matcher(compact).matches() && ibanChecksumOk(compact)) {
            return Optional.of(ValueKind.IBAN);
        }
        if (looksLikePhone(v)) {
            return Optional.of(ValueKind.PHONE);
        }
        return Optional.empty();
    }

    // Plain digit runs are usually ids or amounts, so a phone number needs a leading +, ( or 0, or a space or
    // dash between digits; dates and decimal numbers are ruled out.
    private static boolean looksLikePhone(String v) {
        if (!PHONE.matcher(v).matches() || DATE.matcher(v).matches() || DECIMAL.matcher(v).matches()) {
            return false;
        }
        long digits = v.chars().filter(Character::isDigit).count();
        boolean shaped = v.startsWith("+") || v.startsWith("(") || v.startsWith("0") || v.indexOf(' ') >= 0
                || v.indexOf('-') >= 0;
        return digits >= 7 && digits <= 15 && shaped;
    }

    // ISO 13616: move the first four characters to the end, letters to numbers (A=10), the result mod 97 is 1.
    private static boolean ibanChecksumOk(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static Tokens tokens(String column) {
        // camelCase and separators both split words: "firstName", "first_name", "first-name" → first, name
        String spaced = column.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : spaced.split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return new Tokens(List.copyOf(words), String.join("", words));
    }
}
