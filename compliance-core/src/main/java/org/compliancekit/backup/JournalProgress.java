package org.compliancekit.backup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        rowsByTable.put(table, rows);
        long total = rowsByTable.values().stream().mapToLong(Long::longValue).sum();
        run.progress(total, Map.of("table", table, "table_rows", rows, "table_done", done));
    }
}
