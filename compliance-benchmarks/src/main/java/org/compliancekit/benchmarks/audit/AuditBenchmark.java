package org.compliancekit.benchmarks.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Audit trail throughput into embedded PostgreSQL: {@code appendAll} from one and from four threads, single-event
 * {@code append} for comparison, and full-chain verification. Prints one line per measurement.
 *
 * <p>Arguments (all optional): {@code events=200000 batch=1000 singles=5000 threads=4 rewrite=true
 * fetch=1000 pgparams= verifies=3}, where {@code rewrite} sets pgjdbc's {@code reWriteBatchedInserts}, {@code fetch} the
 * verification fetch size and {@code pgparams} extra pgjdbc URL parameters (e.g. {@code prepareThreshold=-1}) and {@code verifies} how many times the whole chain is verified.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>(Map.of("events", "200000", "batch", "1000", "singles", "5000",
                "threads", "4", "rewrite", "true", "fetch", "1000", "pgparams", "", "verifies", "3"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int events = Integer.parseInt(opts.get("events"));
        int batch = Integer.parseInt(opts.get("batch"));
        int singles = Integer.parseInt(opts.get("singles"));
        int threads = Integer.parseInt(opts.get("threads"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=" + opts.get("rewrite")
                    + (opts.get("pgparams").isEmpty() ? "" : "&" + opts.get("pgparams")));
            config.setMaximumPoolSize(threads + 1);
            try (HikariDataSource ds = new HikariDataSource(config)) {
                JdbcAuditLog log = JdbcAuditLog.builder(ds).withSigner(CheckpointSigner.generate("bench"))
                        .withClock(Clock.systemUTC()).withAutoCreate(true).withBatchSize(batch)
                        .withFetchSize(Integer.parseInt(opts.get("fetch"))).build();
                System.out.printf(Locale.ROOT, "PostgreSQL %s, %d cores, options %s%n",
                        pg.getPostgresDatabase().getConnection().getMetaData().getDatabaseProductVersion(),
                        Runtime.getRuntime().availableProcessors(), opts);

                run(log, "warm-up appendAll", 1, events / 10, batch);
                report("appendAll, 1 thread", events, run(log, "", 1, events, batch));
                report("appendAll, " + threads + " threads", events, run(log, "", threads, events, batch));
                report("append, 1 thread", singles, run(log, "", 1, singles, 1));
                report("append, " + threads + " threads", singles, run(log, "", threads, singles, 1));
                log.checkpoint();
                for (int i = 0; i < Integer.parseInt(opts.get("verifies")); i++) {
                    long start = System.nanoTime();
                    AuditVerification v = log.verify();
                    long nanos = System.nanoTime() - start;
                    if (!v.valid()) {
                        throw new IllegalStateException("chain did not verify: " + v.firstBreak());
                    }
                    report("verify (run " + (i + 1) + ")", v.recordsChecked(), nanos);
                }
                long chainRows = 0;
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    long rows = readOnly(ds, Integer.parseInt(opts.get("fetch")));
                    chainRows = rows;
                    report("JDBC read alone (run " + (i + 1) + ")", rows, System.nanoTime() - start);
                }
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    long bytes = copyOnly(ds, "");
                    report("COPY text alone (run " + (i + 1) + ")", chainRows, System.nanoTime() - start);
                    System.out.printf(Locale.ROOT, "  (%,d bytes)%n", bytes);
                }
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    long bytes = copyOnly(ds, " (FORMAT binary)");
                    report("COPY binary alone (run " + (i + 1) + ")", chainRows, System.nanoTime() - start);
                    System.out.printf(Locale.ROOT, "  (%,d bytes)%n", bytes);
                }
                try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("EXPLAIN SELECT * FROM compliance_audit WHERE seq > 0 ORDER BY seq")) {
                    while (rs.next()) {
                        System.out.println("  plan: " + rs.getString(1));
                    }
                }
                verifyInMemory(events);
            }
        }
    }

    /** The rows verification reads, decoded the same way but not hashed: the database side of verification. */
    private static long readOnly(DataSource ds, int fetchSize) throws SQLException {
        long rows = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, occurred_at, event_type, status, actor, summary, "
                    + "details, duration_nanos, dry_run, prev_hash, hash FROM compliance_audit WHERE seq > ? ORDER BY seq")) {
                ps.setFetchSize(fetchSize);
                ps.setLong(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        new ChainRow(rs.getLong(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getLong(8), rs.getBoolean(9), rs.getString(10), rs.getString(11));
                        rows++;
                    }
                }
            }
            c.commit();
        }
        return rows;
    }

    /**
     * The bytes PostgreSQL verification reads ({@code COPY ... TO STDOUT}, text), counted and dropped: the database
     * and driver side of verification, without decoding or hashing.
     */
    private static long copyOnly(DataSource ds, String format) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_sort = off");
            }
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT seq, occurred_at, "
                    + "event_type, status, actor, summary, details, duration_nanos, dry_run, prev_hash, hash FROM "
                    + "compliance_audit WHERE seq > 0 ORDER BY seq) TO STDOUT" + format);
            long bytes = 0;
            for (byte[] chunk = copy.readFromCopy(); chunk != null; chunk = copy.readFromCopy()) {
                bytes += chunk.length;
            }
            c.commit();
            return bytes;
        }
    }

    /** The verifier alone over rows already in memory: the ceiling the database read adds to. */
    private static void verifyInMemory(int events) {
        List<ChainRow> rows = new ArrayList<>(events);
        String previous = AuditChain.GENESIS_HASH;
        java.time.Instant t = java.time.Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < events; i++) {
            ChainRow row = AuditChain.link(i + 1, t.plusMillis(i), event(i), previous);
            rows.add(row);
            previous = row.hash();
        }
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            ChainVerifier verifier = ChainVerifier.after(0, AuditChain.GENESIS_HASH);
            rows.forEach(verifier::accept);
            AuditVerification v = verifier.finish();
            report("verifier in memory (run " + (run + 1) + ")", v.recordsChecked(), System.nanoTime() - start);
        }
    }

    /** Appends {@code total} events from {@code threads} threads in calls of {@code batch}; returns elapsed nanos. */
    private static long run(JdbcAuditLog log, String label, int threads, int total, int batch) throws Exception {
        AtomicInteger left = new AtomicInteger(total);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int n = take(left, batch); n > 0; n = take(left, batch)) {
                        List<AuditEvent> events = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            events.add(event(i));
                        }
                        if (n == 1) {
                            log.append(events.get(0));
                        } else {
                            log.appendAll(events);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return System.nanoTime() - start;
    }

    private static int take(AtomicInteger left, int batch) {
        while (true) {
            int l = left.get();
            int n = Math.min(l, batch);
            if (n == 0 || left.compareAndSet(l, l - n)) {
                return n;
            }
        }
    }

    private static AuditEvent event(int i) {
        return new AuditEvent("pii_deletion", AuditStatus.COMPLETED, "retention-job",
                "retention removed expired rows from orders", Map.of("table", "orders", "rows", 1000 + i,
                        "rule", "orders-7y", "batch", i, "cutoff", "2019-11-23T00:00:00Z"),
                Duration.ofMillis(42), false);
    }

    private static void report(String what, long count, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-28s %,10d in %7.2f s = %,10.0f /s%n", what, count, seconds, count / seconds);
    }
}
