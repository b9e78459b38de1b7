package org.compliancekit.backup;

import java.util.List;
import org.compliancekit.store.RowCursor;

/** A cursor that reports its rows to a {@link BackupProgress}: start, every so many rows, end. */
final class ProgressCursor implements RowCursor {
    private final RowCursor delegate;
    private final String table;
    private final BackupProgress progress;
    private long rows;
    private boolean done;

    private ProgressCursor(RowCursor delegate, String table, BackupProgress progress) {
        this.delegate = delegate;
        this.table = table;
        this.progress = progress;
    }

    /** {@code cursor} itself when nobody listens, so the common case costs nothing. */
    static RowCursor wrap(RowCursor cursor, String table, BackupProgress progress) {
        if (progress == BackupProgress.NONE) {
            return cursor;
        }
        progress.update(table, 0, false);
        return new ProgressCursor(cursor, table, progress);
    }

    @Override
    public List<String> columns() {
        return delegate.columns();
    }

    @Override
    public Object[] next() {
        Object[] row = delegate.next();
        if (row == null) {
            finish();
            return null;
        }
        if (++rows % BackupProgress.EVERY_ROWS == 0) {
            progress.update(table, rows, false);
        }
        return row;
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void finish() {
        if (!done) {
            done = true;
            progress.update(table, rows, true);
        }
    }
}
