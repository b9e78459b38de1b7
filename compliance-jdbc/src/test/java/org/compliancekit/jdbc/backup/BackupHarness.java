package org.compliancekit.jdbc.backup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;

/** Backups of real databases into memory, and table-by-table snapshots of a store to compare restores with. */
final class BackupHarness {
    private final BlobStore blobs = new InMemoryBlobStore();
    private final InMemoryAuditLog audit = InMemoryAuditLog.builder(Clock.systemUTC()).build();

    BlobStore blobs() {
        return blobs;
    }

    Backups backups(DataStore store) {
        return backups(store, BackupSettings.defaults().withEncrypted(false));
    }

    Backups backups(DataStore store, BackupSettings settings) {
        return Backups.builder(store, blobs, audit).withSettings(settings).build();
    }

    static JdbcDataStore store(TestDatabase.Fresh db) {
        return JdbcDataStore.builder(db.dataSource()).build();
    }

    /** An identifier quoted for {@code kind}'s SQL. */
    static String q(TestDatabase kind, String name) {
        return kind == TestDatabase.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** Every table's rows, as comparable text, in a stable order. */
    static Map<String, List<String>> contents(DataStore store) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (ReadView view = store.openReadView()) {
            for (TableSchema t : store.describe().tables()) {
                out.put(t.name(), rows(view.scan(t.name())));
            }
        }
        return out;
    }

    static List<String> rows(RowCursor cursor) {
        List<String> rows = new ArrayList<>();
        try (cursor) {
            for (Object[] r = cursor.next(); r != null; r = cursor.next()) {
                StringBuilder sb = new StringBuilder();
                for (Object v : r) {
                    sb.append(v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : String.valueOf(v))
                            .append(v == null ? "" : ":" + v.getClass().getSimpleName()).append(" | ");
                }
                rows.add(sb.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
