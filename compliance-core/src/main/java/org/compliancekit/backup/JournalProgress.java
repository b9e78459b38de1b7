package org.compliancekit.backup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.compliancekit.audit.RunJournal;

/**
 * Passes a backup's or restore's table progress on to the caller's listener and to the run's journal, which records
 * it at its own rate: rows done so far over all tables, and the table just advanced. Safe when tables are read on
 * several threads.
 */
final class JournalProgress implements BackupProgress {
    private final BackupProgress listener;
    private final RunJournal.Run run;
    private final Map<String, Long> rowsByTable = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    private JournalProgress(BackupProgress listener, RunJournal.Run run) {
        this.listener = listener;
        this.run = run;
    }

    /** The context of one journaled run: records through the run, progress to both. */
    static BackupContext context(BackupContext ctx, RunJournal.Run run) {
        return ctx.journaled(run.closingLog(), new JournalProgress(ctx.progress(), run));
    }

    @Override
    public void update(String table, long rows, boolean done) {
        listener.update(table, rows, done);
        // Adjusted by this table's change, not re-summed over every table on each update of every worker.
        Long before = rowsByTable.put(table, rows);
        long sum = total.addAndGet(rows - (before == null ? 0 : before));
        run.progress(sum, Map.of("table", table, "table_rows", rows, "table_done", done));
    }
}
