package org.compliancekit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.compliancekit.IntegrityException;

/**
 * Erases personal fields of stored records for {@link StorageBasedAuditLog}: finds candidate records in bounded
 * batches (keyset by sequence number), removes value and salt of the chosen fields and keeps the commitment, so no
 * hash changes. Each batch is one write transaction that does not take the head lock, so appends go on meanwhile.
 */
final class PersonalFieldEraser {

    static final int BATCH = 500;

    private final AuditStorage storage;
    private final Clock clock;

    PersonalFieldEraser(AuditStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Counts of one run; {@code last} is the last sequence number looked at, -1 when the batch was empty. */
    private record Batch(long last, long records, long fields) {
    }

    /** What to erase and how to describe it in the erasure's record. */
    record Selection(Instant before, String containing, Predicate<List<PersonalFields.Field>> recordMatches,
            Set<String> names, Map<String, Object> details) {
    }

    /** A subject's records: every personal field of the records whose subject field equals {@code subjectRef}. */
    static Selection subject(String subjectRef) {
        // The stored text holds the value as canonical JSON; the storage's containment filter narrows by it and the
        // exact field comparison below decides.
        String needle = "\"value\":" + CanonicalJson.quote(subjectRef);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "subject_erasure");
        return new Selection(null, needle, fields -> fields.stream().anyMatch(f -> f.name().equals(AuditEvent.SUBJECT_REF)
                && subjectRef.equals(f.value())), Set.of(), details);
    }

    /** Records that occurred before {@code before}: the fields in {@code names}, or all when empty. */
    static Selection before(Instant before, Set<String> names) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "retention");
        details.put("before", before.toString());
        details.put("fields", names.isEmpty() ? "all" : List.copyOf(new TreeSet<>(names)));
        return new Selection(before, null, fields -> true, Set.copyOf(names), details);
    }

    /**
     * Erases what {@code selection} chooses; returns the counts and the event to append, {@code null} when nothing
     * was erased.
     */
    Erased erase(Selection selection) {
        long after = 0;
        long records = 0;
        long fields = 0;
        Instant now = clock.instant();
        while (true) {
            long from = after;
            Batch batch = storage.write("erase personal fields in", s -> eraseBatch(s, from, selection, now));
            if (batch.last() < 0) {
                break;
            }
            after = batch.last();
            records += batch.records();
            fields += batch.fields();
        }
        if (records == 0) {
            return new Erased(0, 0, null);
        }
        Map<String, Object> details = new LinkedHashMap<>(selection.details());
        details.put("erased_records", records);
        details.put("erased_fields", fields);
        AuditEvent event = new AuditEvent(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE, AuditStatus.COMPLETED,
                AuditEvent.SYSTEM, "personal fields erased from " + records + " audit records (" + fields + " values)",
                details, Duration.ZERO, false);
        return new Erased(records, fields, event);
    }

    /** Counts and the event recording them ({@code null} when nothing was erased). */
    record Erased(long records, long fields, AuditEvent event) {
    }

    private Batch eraseBatch(AuditStorage.Session s, long after, Selection selection, Instant now) {
        List<AuditStorage.PersonalRow> rows = s.personalRows(after, selection.before(), selection.containing(), BATCH);
        long records = 0;
        long fields = 0;
        for (AuditStorage.PersonalRow row : rows) {
            List<PersonalFields.Field> stored;
            try {
                stored = PersonalFields.read(row.personalJson());
            } catch (PersonalFields.Unreadable e) {
                throw new IntegrityException(storage.describe() + ": the personal fields of audit record "
                        + row.sequence() + " cannot be read (" + e.getMessage() + "), so they cannot be erased; run "
                        + "verify() to find out what happened to the record");
            }
            if (!selection.recordMatches().test(stored)) {
                continue;
            }
            List<PersonalFields.Field> erased = new ArrayList<>(stored.size());
            int n = 0;
            for (PersonalFields.Field f : stored) {
                boolean chosen = selection.names().isEmpty() || selection.names().contains(f.name());
                if (chosen && !f.erased()) {
                    erased.add(f.erase(now));
                    n++;
                } else {
                    erased.add(f);
                }
            }
            if (n > 0) {
                s.rewritePersonal(row.sequence(), PersonalFields.write(erased));
                records++;
                fields += n;
            }
        }
        return new Batch(rows.isEmpty() ? -1 : rows.get(rows.size() - 1).sequence(), records, fields);
    }
}
