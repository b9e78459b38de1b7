package org.compliancekit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The erasable personal fields of a format-2 record (see {@code docs/audit-chain.md}, "Personal fields"): how they
 * are committed to, stored as one JSON text in the record's {@code personal} column, read back and erased. The chain
 * hashes the commitments only, so erasing a value and its salt leaves every hash intact.
 */
final class PersonalFields {

    /** The first field of every commitment message. */
    static final String COMMITMENT_FORMAT = "compliancekit-audit-commitment/1";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<Object> MEMBERS = Set.of("commitment", "salt", "value", "erased_at");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /**
     * One stored personal field.
     *
     * @param name field name
     * @param commitment SHA-256 commitment, 64 lower-case hex digits; the chain hashes this
     * @param salt 32 random bytes as 64 lower-case hex digits; {@code null} once erased
     * @param value the value; {@code null} once erased
     * @param erasedAt when it was erased, as stored (not hashed); {@code null} while present
     */
    record Field(String name, String commitment, String salt, String value, String erasedAt) {
        boolean erased() {
            return value == null;
        }

        Field erase(Instant at) {
            return new Field(name, commitment, null, null, AuditChain.formatTime(at));
        }
    }

    /** Thrown for a stored text that is not a personal-fields object; carries no stored content. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private PersonalFields() {
    }

    /** New fields for {@code values} (sorted by name), each with a fresh random salt and its commitment. */
    static List<Field> commit(Map<String, String> values, String eventType, MessageDigest sha256) {
        List<Field> out = new ArrayList<>(values.size());
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("audit personal field '" + e.getKey() + "' of event type "
                        + eventType + " has no value; leave the field out instead");
            }
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            String saltHex = HEX.formatHex(salt);
            out.add(new Field(e.getKey(), commitment(e.getKey(), e.getValue(), saltHex, sha256), saltHex, e.getValue(),
                    null));
        }
        return out;
    }

    /** The commitment to {@code value} of field {@code name} with {@code saltHex}, lower-case hex SHA-256. */
    static String commitment(String name, String value, String saltHex, MessageDigest sha256) {
        sha256.reset();
        for (String f : new String[] {COMMITMENT_FORMAT, name, value, saltHex}) {
            byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
            sha256.update((byte) '\n');
        }
        return HEX.formatHex(sha256.digest());
    }

    /** The stored text of {@code fields}; {@code null} when there are none. */
    static String write(List<Field> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("commitment", f.commitment());
            if (f.erased()) {
                if (f.erasedAt() != null) {
                    one.put("erased_at", f.erasedAt());
                }
            } else {
                one.put("salt", f.salt());
                one.put("value", f.value());
            }
            out.put(f.name(), one);
        }
        return CanonicalJson.write(out);
    }

    /** The fields in {@code stored} (the {@code personal} column), sorted by name; empty for {@code null}. */
    static List<Field> read(String stored) throws Unreadable {
        if (stored == null) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = AuditChain.JSON.readValue(stored, Object.class);
        } catch (JsonProcessingException e) {
            throw new Unreadable("they are not JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new Unreadable("they are not a JSON object");
        }
        List<Field> out = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!NAME.matcher(name).matches() || !(e.getValue() instanceof Map<?, ?> f)) {
                throw new Unreadable("a field name or entry is malformed");
            }
            Object commitment = f.get("commitment");
            Object salt = f.get("salt");
            Object value = f.get("value");
            Object erasedAt = f.get("erased_at");
            if (!MEMBERS.containsAll(f.keySet()) || !(commitment instanceof String c) || !HEX64.matcher(c).matches()
                    || (salt != null && !(salt instanceof String)) || (value != null && !(value instanceof String))
                    || (erasedAt != null && !(erasedAt instanceof String))) {
                throw new Unreadable("field '" + name + "' is malformed");
            }
            out.add(new Field(name, c, (String) salt, (String) value, (String) erasedAt));
        }
        return out;
    }

    /** Name to value ({@code null} when erased), as records show them. */
    static Map<String, String> values(List<Field> fields) {
        Map<String, String> out = new TreeMap<>();
        fields.forEach(f -> out.put(f.name(), f.value()));
        return out;
    }

    /** The first field whose stored value and salt no longer produce its commitment; {@code null} when all do. */
    static Field firstBroken(List<Field> fields, MessageDigest sha256) {
        for (Field f : fields) {
            if (f.erased()) {
                continue;
            }
            if (f.salt() == null || !commitment(f.name(), f.value(), f.salt(), sha256).equals(f.commitment())) {
                return f;
            }
        }
        return null;
    }
}
