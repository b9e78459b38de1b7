package org.compliancekit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.store.Condition;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.StoreTransaction;
import org.postgresql.PGConnection;

/**
 * The JDBC store against PostgreSQL's own fastest paths, on an embedded PostgreSQL:
 * <ul>
 *   <li>scan: every row through {@code JdbcDataStore} ÷ {@code COPY (SELECT row_to_json(t) FROM t) TO STDOUT}
 *       into a discarding stream;</li>
 *   <li>anonymize: all rows expired, in keyset pages of the retention engine's default batch size, one
 *       {@code expire} batch per transaction as the engine runs them (REDACT name, NULL address) ÷ one hand-written set-based {@code UPDATE} doing the same;</li>
 *   <li>restore: {@code load} of generated rows ÷ {@code COPY FROM} a file of the same rows;</li>
 *   <li>backup: {@code Backups.backup()} (JSON, AES-GCM, filesystem) of the database ÷ the same {@code COPY … TO}.</li>
 * </ul>
 * Arguments: {@code [rows] [rounds]}, default 1,000,000 rows and 2 rounds; the best round of each is reported.
 */
public final class JdbcStoreBenchmark {
    private static final Instant CUTOFF = Instant.parse("2025-01-01T00:00:00Z");
    private static final TableMapping MAPPING = TableMapping.builder("bench_orders")
            .field("name", Strategy.redact()).field("address", Strategy.nulled()).build();
    private static final String[] NAMES = {"scan (JdbcDataStore)", "COPY (SELECT row_to_json(t)) TO STDOUT",
        "anonymize in batches", "set-based UPDATE", "restore (load)", "COPY FROM", "backup (JSON+AES-GCM, files)"};

    private JdbcStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); HikariDataSource ds = pool(pg.getPostgresDatabase())) {
            BenchTable.fill(ds, "bench_orders", rows);
            BenchTable.create(ds, "bench_restore");
            long bytes = tableBytes(ds, "bench_orders");
            System.out.printf(Locale.ROOT, "rows: %,d, table size: %,d bytes (%.0f bytes a row)%n", rows, bytes,
                    bytes / (double) rows);
            Path dump = Files.createTempFile("bench-orders", ".copy");
            try {
                copyOut(ds, "COPY bench_orders TO STDOUT", Files.newOutputStream(dump));
                List<long[]> results = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    results.add(round(ds, rows, dump));
                }
                report(results);
            } finally {
                Files.deleteIfExists(dump);
            }
        }
    }

    /** A connection pool, as applications run the store: a transaction per batch must not mean a new connection. */
    private static HikariDataSource pool(DataSource server) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** One round: {scan, copyTo, anonymize, update, load, copyFrom} in nanoseconds. */
    private static long[] round(DataSource ds, long rows, Path dump) throws Exception {
        long[] t = new long[NAMES.length];
        JdbcDataStore store = JdbcDataStore.builder(ds).build();

        long start = System.nanoTime();
        long scanned = 0;
        try (ReadView view = store.openReadView(); RowCursor c = view.scan("bench_orders")) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                scanned++;
            }
        }
        t[0] = System.nanoTime() - start;
        check(scanned, rows, "scan");

        start = System.nanoTime();
        copyOut(ds, "COPY (SELECT row_to_json(t) FROM bench_orders t) TO STDOUT", OutputStream.nullOutputStream());
        t[1] = System.nanoTime() - start;

        start = System.nanoTime();
        long anonymized = anonymizeAll(store);
        t[2] = System.nanoTime() - start;
        check(anonymized, rows, "anonymize");

        BenchTable.fill(ds, "bench_orders", rows);
        start = System.nanoTime();
        long updated;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE bench_orders SET name = ?, address = NULL WHERE created_at <= ? "
                        + "AND ((name IS NOT NULL AND name <> ?) OR address IS NOT NULL)")) {
            ps.setString(1, Strategy.Redact.DEFAULT_TEXT);
            ps.setTimestamp(2, Timestamp.from(CUTOFF));
            ps.setString(3, Strategy.Redact.DEFAULT_TEXT);
            updated = ps.executeUpdate();
        }
        t[3] = System.nanoTime() - start;
        check(updated, rows, "set-based update");
        BenchTable.fill(ds, "bench_orders", rows);

        BenchTable.exec(ds, "TRUNCATE bench_restore", "CHECKPOINT");
        start = System.nanoTime();
        long loaded = store.load(List.of("bench_restore"), table -> BenchTable.generated(rows), LoadMode.REFUSE_NON_EMPTY)
                .get("bench_restore");
        t[4] = System.nanoTime() - start;
        check(loaded, rows, "load");

        BenchTable.exec(ds, "TRUNCATE bench_restore", "CHECKPOINT");
        start = System.nanoTime();
        long copied;
        try (Connection c = ds.getConnection();
                InputStream in = new BufferedInputStream(Files.newInputStream(dump), 1 << 16)) {
            copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_restore FROM STDIN", in);
        }
        t[5] = System.nanoTime() - start;
        check(copied, rows, "COPY FROM");

        BenchTable.exec(ds, "DROP TABLE bench_restore");
        t[6] = backup(JdbcDataStore.builder(ds).build(), rows);
        BenchTable.create(ds, "bench_restore");
        return t;
    }

    /** One encrypted backup of the database (only bench_orders holds rows) into a temporary folder. */
    private static long backup(JdbcDataStore store, long rows) throws Exception {
        Path dir = Files.createTempDirectory("bench-backup");
        try {
            byte[] key = new byte[32];
            new Random(1).nextBytes(key);
            Backups backups = Backups.builder(store, FileSystemBlobStore.at(dir),
                            InMemoryAuditLog.builder(Clock.systemUTC()).build())
                    .withKeys(KeyRing.single("bench", Base64.getEncoder().encodeToString(key)))
                    .withSettings(BackupSettings.defaults().withEncrypted(true)).build();
            long start = System.nanoTime();
            BackupResult result = backups.backup();
            long elapsed = System.nanoTime() - start;
            if (result.status() != BackupStatus.COMPLETED) {
                throw new IllegalStateException("backup ended " + result.status());
            }
            check(result.rows(), rows, "backup");
            return elapsed;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * The retention engine's loop: one {@code expire} batch per transaction, no legal hold (on PostgreSQL one
     * statement finds and anonymizes each page).
     */
    private static long anonymizeAll(JdbcDataStore store) {
        ExpiryQuery q = new ExpiryQuery("bench_orders", "created_at", CUTOFF, Condition.always(),
                MAPPING.erasedFields(), null, null, RetentionEngine.DEFAULT_BATCH_SIZE);
        long total = 0;
        while (true) {
            ExpiryQuery current = q;
            ExpiredPage page = store.inTransaction(tx -> tx.expire(current, RowAction.ANONYMIZE, MAPPING,
                    ErasureContext.none(), StoreTransaction.NOTHING_HELD));
            if (page.isEmpty()) {
                return total;
            }
            total += page.changed();
            q = q.after(page.last());
        }
    }

    private static void copyOut(DataSource ds, String sql, OutputStream out) throws Exception {
        try (Connection c = ds.getConnection(); OutputStream o = new BufferedOutputStream(out, 1 << 16)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, o);
        }
    }

    private static long tableBytes(DataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " handled " + actual + " rows, expected " + expected);
        }
    }

    private static void report(List<long[]> results) {
        long[] best = new long[NAMES.length];
        Arrays.fill(best, Long.MAX_VALUE);
        for (long[] r : results) {
            for (int i = 0; i < r.length; i++) {
                best[i] = Math.min(best[i], r[i]);
            }
        }
        for (int i = 0; i < NAMES.length; i++) {
            StringBuilder all = new StringBuilder();
            for (long[] r : results) {
                all.append(String.format(Locale.ROOT, " %.2f", r[i] / 1e9));
            }
            System.out.printf(Locale.ROOT, "%-40s best %7.2f s  (rounds:%s)%n", NAMES[i], best[i] / 1e9, all);
        }
        System.out.printf(Locale.ROOT, "scan / COPY TO (row_to_json):  %.2f%n", best[0] / (double) best[1]);
        System.out.printf(Locale.ROOT, "anonymize / set-based UPDATE:  %.2f (target <= 1.5)%n", best[2] / (double) best[3]);
        System.out.printf(Locale.ROOT, "backup / COPY TO (row_to_json): %.2f (target <= 1.3)%n", best[6] / (double) best[1]);
        System.out.printf(Locale.ROOT, "restore / COPY FROM:           %.2f (target <= 2.0)%n", best[4] / (double) best[5]);
    }
}
