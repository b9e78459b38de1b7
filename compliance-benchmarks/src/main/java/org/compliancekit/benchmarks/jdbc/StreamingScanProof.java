package org.compliancekit.benchmarks.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Shows that a scan's memory does not grow with the table: a 2,000,000-row table (about 190 bytes a row, ~370 MB
 * on disk) is read in a child JVM limited to {@code -Xmx64m}: scanned through {@code JdbcDataStore} and backed up
 * encrypted with {@code Backups} (both must succeed), and read as a plain auto-commit {@code SELECT *} (the control: pgjdbc then buffers the whole result and runs out
 * of memory). Arguments: {@code [rows]}, default 2,000,000. Exits non-zero when the scan or the backup fails.
 */
public final class StreamingScanProof {
    private StreamingScanProof() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], Integer.parseInt(args[2]), args[3]);
            return;
        }
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            BenchTable.fill(pg.getPostgresDatabase(), "bench_orders", rows);
            int store = fork(pg.getPort(), rows, "store");
            int backup = fork(pg.getPort(), rows, "backup");
            int naive = fork(pg.getPort(), rows, "naive");
            System.out.printf(Locale.ROOT, "-Xmx64m, %,d rows: JdbcDataStore scan exit %d, encrypted backup exit %d, "
                    + "plain auto-commit SELECT exit %d%n", rows, store, backup, naive);
            if (store != 0 || backup != 0) {
                System.exit(1);
            }
        }
    }

    /** An encrypted backup into a temporary folder, deleted afterwards; returns the rows backed up. */
    private static long backup(JdbcDataStore store) throws Exception {
        Path dir = Files.createTempDirectory("proof-backup");
        try {
            byte[] key = new byte[32];
            new Random(1).nextBytes(key);
            BackupResult result = Backups.builder(store, FileSystemBlobStore.at(dir), InMemoryAuditLog.builder(Clock.systemUTC()).build())
                    .withKeys(KeyRing.single("proof", Base64.getEncoder().encodeToString(key)))
                    .withSettings(BackupSettings.defaults().withEncrypted(true)).build().backup();
            return result.status() == BackupStatus.COMPLETED ? result.rows() : -1;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static int fork(int port, long rows, String mode) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamingScanProof.class.getName(), "child", String.valueOf(port), String.valueOf(rows), mode));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void child(String port, long expected, String mode) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        ds.setUser("postgres");
        long count = 0;
        long chars = 0;
        long start = System.nanoTime();
        try {
            if (mode.equals("store")) {
                JdbcDataStore store = JdbcDataStore.builder(ds).build();
                try (ReadView view = store.openReadView(); RowCursor c = view.scan("bench_orders")) {
                    for (Object[] r = c.next(); r != null; r = c.next()) {
                        count++;
                        chars += ((String) r[3]).length();
                    }
                }
            } else if (mode.equals("backup")) {
                count = backup(JdbcDataStore.builder(ds).build());
            } else {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM bench_orders ORDER BY id")) {
                    while (rs.next()) {
                        count++;
                        chars += rs.getString(4).length();
                    }
                }
            }
        } catch (OutOfMemoryError e) {
            System.out.printf(Locale.ROOT, "[%s] OutOfMemoryError after %,d rows%n", mode, count);
            System.exit(3);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "[%s] %,d rows (%,d address chars) in %.1f s, max heap %d MiB, peak heap pools %d MiB%n",
                mode, count, chars, (System.nanoTime() - start) / 1e9, Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        System.exit(count == expected ? 0 : 2);
    }
}
