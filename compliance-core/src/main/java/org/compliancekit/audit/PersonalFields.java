package org.compliancekit.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        // Streamed rather than bound to maps: verification reads every record's fields, and this is its hot path.
        List<Field> out = new ArrayList<>(4);
        try (JsonParser p = AuditChain.JSON.getFactory().createParser(stored)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Unreadable("they are not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!NAME.matcher(name).matches() || p.nextToken() != JsonToken.START_OBJECT) {
                    throw new Unreadable("a field name or entry is malformed");
                }
                out.add(field(p, name));
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Unreadable("they are not a single JSON object");
            }
        } catch (IOException e) {
            throw new Unreadable("they are not JSON");
        }
        out.sort(Comparator.comparing(Field::name));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).name().equals(out.get(i - 1).name())) {
                throw new Unreadable("field '" + out.get(i).name() + "' appears twice");
            }
        }
        return out;
    }

    /** One field's members, the parser on its {@code START_OBJECT}. */
    private static Field field(JsonParser p, String name) throws IOException, Unreadable {
        String commitment = null;
        String salt = null;
        String value = null;
        String erasedAt = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                throw new Unreadable("field '" + name + "' is malformed");
            }
            String text = t == JsonToken.VALUE_NULL ? null : p.getText();
            switch (member) {
                case "commitment" -> commitment = text;
                case "salt" -> salt = text;
                case "value" -> value = text;
                case "erased_at" -> erasedAt = text;
                default -> throw new Unreadable("field '" + name + "' is malformed");
            }
        }
        if (commitment == null || !HEX64.matcher(commitment).matches()) {
            throw new Unreadable("field '" + name + "' is malformed");
        }
        return new Field(name, commitment, salt, value, erasedAt);
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
