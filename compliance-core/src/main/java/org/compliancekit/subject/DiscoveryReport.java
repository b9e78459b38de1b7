package org.compliancekit.subject;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Columns that look like personal data but are not in the PII map, each with the reason. It never contains a
 * sampled value: value-based findings give counts only.
 *
 * @param findings one entry per suspicious column, table by table in schema order; within a table, findings by
 *     name come before findings by value
 * @param tablesScanned tables whose schema was examined
 * @param rowsSampled rows read for value sampling over all tables (0 when sampling is off)
 */
public record DiscoveryReport(List<Finding> findings, int tablesScanned, long rowsSampled) {
    public DiscoveryReport {
        findings = List.copyOf(findings);
    }

    /** What raised the suspicion. */
    public enum Basis {
        /** The column's name. */
        NAME,
        /** The shape of sampled values. */
        VALUES
    }

    /**
     * A column that looks like personal data.
     *
     * @param table the table
     * @param column the column
     * @param basis what raised the suspicion
     * @param reason in words, e.g. "the name suggests an email address" or "9 of 10 sampled values look like
     *     email addresses"
     */
    public record Finding(String table, String column, Basis basis, String reason) {
        public Finding {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether nothing suspicious was found. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** The findings as Markdown, for a review or a pull request. */
    public String markdown() {
        StringBuilder b = new StringBuilder("# Unmapped columns that look like personal data\n\n");
        if (findings.isEmpty()) {
            return b.append("None found in ").append(tablesScanned).append(" tables.\n").toString();
        }
        b.append("| Table | Column | Basis | Reason |\n| --- | --- | --- | --- |\n");
        for (Finding f : findings) {
            b.append("| ").append(cell(f.table())).append(" | ").append(cell(f.column())).append(" | ")
                    .append(f.basis().name().toLowerCase(Locale.ROOT)).append(" | ").append(cell(f.reason()))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
