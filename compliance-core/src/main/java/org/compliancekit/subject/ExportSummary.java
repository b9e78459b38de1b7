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
 * @param skipped tables not searched (the request lacked the id or email they link by)
 */
public record ExportSummary(String subject, Instant generatedAt, Map<String, Long> rows, List<String> skipped) {
    public ExportSummary {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(generatedAt, "generatedAt");
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        skipped = List.copyOf(skipped);
    }

    /** Rows exported over all tables. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
