package org.compliancekit.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancekit.FailureMessages;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.RowCursor;

/**
 * The rows of a restore, each table file read once: its checksums, authentication tags and row count are checked
 * as its rows stream into {@link DataStore#load}. A file that fails throws from the cursor, so the store rolls the
 * whole load back, and the failure is kept here to tell a damaged backup from a failing database.
 */
final class CheckedLoad implements DataStore.LoadSource {
    private final BackupContext ctx;
    private final Manifest manifest;
    private final Map<String, Manifest.FileEntry> byTarget;
    private final List<VerifyResult.FileCheck> checks = new ArrayList<>();
    private VerifyResult.FileCheck failed;

    /** @param byTarget the file to load into each target table */
    CheckedLoad(BackupContext ctx, Manifest manifest, Map<String, Manifest.FileEntry> byTarget) {
        this.ctx = ctx;
        this.manifest = manifest;
        this.byTarget = byTarget;
    }

    @Override
    public RowCursor open(String table) {
        Manifest.FileEntry entry = byTarget.get(table);
        TableFile file;
        try {
            file = TableFile.open(ctx, manifest, entry);
        } catch (RuntimeException e) {
            fail(entry, 0, e);
            throw e;
        }
        // Reading the file (decrypting, decompressing, decoding) runs on its own thread, ahead of the load.
        return ProgressCursor.wrap(new Checked(entry, PrefetchCursor.start(file, table)), table, ctx.progress());
    }

    /** The first file that failed its checks, if one did. */
    Optional<VerifyResult.FileCheck> failure() {
        return Optional.ofNullable(failed);
    }

    /** The checks made so far: the manifest's problems (none, since loading began) and each file read. */
    VerifyResult result(String folder, List<TableFailure> missing) {
        return new VerifyResult(folder, List.of(), checks, missing);
    }

    private void fail(Manifest.FileEntry entry, long rows, RuntimeException e) {
        VerifyResult.FileCheck check = new VerifyResult.FileCheck(entry.table(), entry.objectKey(), rows,
                FailureMessages.safe(e));
        checks.add(check);
        if (failed == null) {
            failed = check;
        }
    }

    /** Records how reading one file ended. */
    private final class Checked implements RowCursor {
        private final Manifest.FileEntry entry;
        private final RowCursor file;
        private long rows;
        private boolean ended;
        private RuntimeException error;

        Checked(Manifest.FileEntry entry, RowCursor file) {
            this.entry = entry;
            this.file = file;
        }

        @Override
        public List<String> columns() {
            return file.columns();
        }

        @Override
        public Object[] next() {
            if (error != null) {
                throw error; // a store that retries must not take a damaged file for a short one
            }
            if (ended) {
                return null;
            }
            Object[] row;
            try {
                row = file.next(); // the last call checks count and checksums, and throws when they differ
            } catch (RuntimeException e) {
                error = e;
                fail(entry, rows, e);
                throw e;
            }
            if (row == null) {
                ended = true;
                checks.add(new VerifyResult.FileCheck(entry.table(), entry.objectKey(), rows, null));
            } else {
                rows++;
            }
            return row;
        }

        /**
         * Reads what the store left unread before closing, so a store that stops early still has the file
         * checked before it commits (closing inside its transaction, as {@link DataStore#load} requires).
         */
        @Override
        public void close() {
            try {
                while (error == null && !ended) {
                    next();
                }
            } finally {
                file.close();
            }
        }
    }
}
