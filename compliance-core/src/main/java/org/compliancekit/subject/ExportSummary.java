package org.compliancekit.subject;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an export wrote, without the data itself: the same facts as its {@code data_export} audit event.
 *
 * @param subject the subject's id ({@code id:…}) or the keyed hash of its email address
 * @param generatedAt when the export was made
 * @param rows rows exported per table, in map order
 * @param skipped tables not searched (no id or email address of the subject is known to link them by)
 * @param outcome what the export found
 * @param identities every identity used after resolution, ids as {@code id:…}, others as keyed hashes
 * @param subjects how many subjects the request's identities resolved to
 */
public record ExportSummary(String subject, Instant generatedAt, Map<String, Long> rows, List<String> skipped,
        Outcome outcome, List<String> identities, int subjects) {

    /**
     * What an export found; each has its own CLI exit code. A failure is not an outcome: it is audited with status
     * {@code failed} and thrown, and the output must not be handed out.
     */
    public enum Outcome {
        /** Rows of the subject were written. */
        EXPORTED,
        /** Rows were written, but every row erasure would change is already erased (or deleted rows are gone). */
        ALREADY_ERASED,
        /** No row of any table belongs to the subject; the bundle says so and lists the tables searched. */
        NO_DATA_HELD,
        /** The request's identities match more than one subject; nothing was written: name the subject by id. */
        AMBIGUOUS_SUBJECT
    }

    public ExportSummary {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(generatedAt, "generatedAt");
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(outcome, "outcome");
        identities = List.copyOf(identities);
    }

    /** A summary of rows exported, without resolution details. */
    public ExportSummary(String subject, Instant generatedAt, Map<String, Long> rows, List<String> skipped) {
        this(subject, generatedAt, rows, skipped, rows.values().stream().mapToLong(Long::longValue).sum() > 0
                ? Outcome.EXPORTED : Outcome.NO_DATA_HELD, List.of(), 0);
    }

    /** Rows exported over all tables. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
