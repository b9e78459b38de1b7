package org.compliancekit.subject;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.compliancekit.pii.RowAction;

/**
 * One erasure as the {@link ErasureLedger} keeps it: no personal data, only keyed hashes.
 *
 * @param id unique id of the entry
 * @param erasedAt when the erasure committed
 * @param subject keyed hash of the subject
 * @param tables the rows changed, per table
 */
public record LedgerEntry(String id, Instant erasedAt, String subject, List<ErasedRows> tables) {
    public LedgerEntry {
        Objects.requireNonNull(id, "ledger entry id");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(subject, "subject");
        tables = List.copyOf(tables);
    }

    /**
     * The rows of one table an erasure changed.
     *
     * @param table the table
     * @param action what was done to them
     * @param rows keyed hashes of the rows' primary keys
     */
    public record ErasedRows(String table, RowAction action, List<String> rows) {
        public ErasedRows {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(action, () -> "action on table " + table);
            rows = List.copyOf(rows);
        }
    }
}
