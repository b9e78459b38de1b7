package org.compliancekit.subject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SubjectValues;

/**
 * Keyed hashes of subjects and row keys for the erasure ledger and the audit trail: HMAC-SHA256 under the HASH
 * secret, in the HASH output format ({@code hmac:} + 43 characters). Every input carries a domain prefix, so a
 * ledger hash never equals the HASH value stored in an anonymized column for the same text.
 */
final class KeyedHashes {
    private static final Strategy HMAC = Strategy.hash();

    private final ErasureContext context;

    KeyedHashes(ErasureContext context) {
        this.context = context;
    }

    boolean available() {
        return context.hasHashSecret();
    }

    /** The keyed hash of a subject: of its id when it has one, else of its email address, else of its first identity. */
    String subject(SubjectRef subject) {
        Map.Entry<String, String> first = subject.identities().entrySet().iterator().next();
        String input = subject.id().map(id -> "subject-id\u0000" + id)
                .or(() -> subject.email().map(e -> "subject-email\u0000" + e))
                .orElseGet(() -> "subject-" + first.getKey() + "\u0000" + first.getValue());
        return (String) HMAC.apply(input, context);
    }

    /** The keyed hash of one row's primary key in {@code table}, equal across stores for equal key values. */
    String row(String table, RowKey key) {
        StringBuilder input = new StringBuilder("row\u0000").append(table.toLowerCase(Locale.ROOT));
        for (Object v : key.values()) {
            String s = canonical(v);
            // Length-prefixed, so no choice of values can make two different keys encode alike.
            input.append('\u0000').append(s.length()).append(':').append(s);
        }
        return (String) HMAC.apply(input.toString(), context);
    }

    /**
     * How the audit trail names a subject: its id (an internal reference, not PII), or a keyed hash of an email
     * address; without a HASH secret an email-only subject is not named at all.
     */
    String label(SubjectRef subject) {
        if (subject.id().isPresent()) {
            return "id:" + subject.id().get();
        }
        return available() ? subject(subject) : "email-only subject (no hash secret configured)";
    }

    /**
     * How results and receipts name one identity used by a request: {@code id:42}, or the identity's name and the
     * keyed hash of its value ({@code email:hmac:…}; an address is hashed in its matching form, so the same address
     * written in another case hashes alike). Without a HASH secret the value is not named at all.
     */
    String identity(String name, String value) {
        if (name.equals(SubjectRef.ID)) {
            return "id:" + value;
        }
        if (!available()) {
            return name + ":(not named: no hash secret configured)";
        }
        String canonical = name.equals(SubjectRef.EMAIL) ? SubjectValues.emailKey(value) : value;
        return name + ":" + HMAC.apply("identity\u0000" + name + "\u0000" + canonical, context);
    }

    /** The labels of every identity of {@code resolution}, ids first. */
    java.util.List<String> identities(SubjectResolution resolution) {
        java.util.List<String> out = new java.util.ArrayList<>();
        resolution.identities().forEach((name, values) -> {
            if (name.equals(SubjectRef.EMAIL)) {
                resolution.emails().forEach(v -> out.add(identity(name, v)));
            } else {
                values.forEach(v -> out.add(identity(name, v)));
            }
        });
        out.sort(java.util.Comparator.comparing((String l) -> !l.startsWith("id:")));
        return out;
    }

    // Stores return the same key as Integer, Long or BigDecimal depending on the driver; all hash alike.
    private static String canonical(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Number n) {
            return canonical(BigDecimal.valueOf(n.doubleValue()));
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return v.toString();
    }
}
