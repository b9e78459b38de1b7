package org.compliancekit.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SPI every database adapter implements: the one door through which Compliance Kit reads and changes the
 * application's data. Implementations: {@link InMemoryDataStore} here, JDBC and JPA in their modules; all pass the
 * same contract test suite.
 *
 * <p>Rows are streamed, never loaded whole: {@link RowCursor}s fetch in bounded chunks and retention works in
 * keyset pages.
 */
public interface DataStore {

    /** The tables, columns, types and keys of the store. */
    SchemaDescription describe();

    /**
     * The schema (database on MariaDB/MySQL) whose tables {@link #describe()} names without a schema; tables of
     * other schemas are named as {@link TableId#id()} says. Empty for stores without schemas.
     */
    default Optional<String> defaultSchema() {
        return Optional.empty();
    }

    /** Opens a consistent read-only view (backups, exports, dry runs). */
    ReadView openReadView();

    /**
     * Runs {@code work} in one transaction: it commits when {@code work} returns and rolls back when it throws.
     */
    <T> T inTransaction(TransactionWork<T> work);

    /**
     * Loads rows into tables atomically (restore). Tables are filled in the given order, which the caller
     * computes parents-first; with {@link LoadMode#REPLACE} existing rows are removed first (children first).
     * Generated-value counters (identity columns, sequences, AUTO_INCREMENT) are moved past the loaded values.
     * On any failure nothing is changed. Each table's cursor is read until {@link RowCursor#next()} returns
     * {@code null} and closed before the transaction commits: a restore checks a backup file as its rows stream
     * in, and the cursor throws from {@code next()} or {@code close()} when the file turns out damaged, which must
     * roll the whole load back.
     *
     * @param tables tables in load order
     * @param source supplies each table's rows; a cursor's columns may be in any order and may omit columns
     * @param mode what to do with tables that already hold rows
     * @return rows loaded per table, in load order
     * @throws org.compliancekit.StorageException naming the table when a table is not empty under
     *     {@link LoadMode#REFUSE_NON_EMPTY}, or when loading fails
     */
    Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode);

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(StoreTransaction tx);
    }

    /** Supplies the rows of one table for {@link #load}. */
    @FunctionalInterface
    interface LoadSource {
        RowCursor open(String table);
    }

    /** What {@link #load} does with tables that already hold rows. */
    enum LoadMode {
        /** Fail, naming the first non-empty table, and change nothing. */
        REFUSE_NON_EMPTY,
        /** Remove the existing rows first, in the same transaction. */
        REPLACE
    }
}
