package org.compliancekit.backup;

/**
 * Hears how a backup or a restore advances through the tables, e.g. to draw a progress bar. Called on the thread
 * doing the work, when a table starts ({@code rows} 0), every {@link #EVERY_ROWS} rows, and when it ends; it must be
 * cheap and must not throw. A backup reading tables in parallel calls it from several threads at once, one table
 * per thread, so it must be thread-safe. It learns table names and counts only, never row content.
 */
@FunctionalInterface
public interface BackupProgress {
    /** Rows between two calls for the same table. */
    int EVERY_ROWS = 10_000;

    /** Hears nothing; the default. */
    BackupProgress NONE = (table, rows, done) -> { };

    /**
     * @param table the table being read (backup) or loaded (restore)
     * @param rows rows of it done so far
     * @param done whether the table is finished; {@code rows} is then its total
     */
    void update(String table, long rows, boolean done);
}
