package org.compliancekit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.retention.RetentionRule;

/**
 * What journaling a retention run costs: the same run over {@code rows} expired rows (default 200,000, batches of
 * 1,000) on embedded PostgreSQL with the JDBC audit log, with progress recorded at the default rate (5 s or 100,000
 * rows), after every batch (the upper bound), and not at all between rules (started, one step per rule and the
 * closing record only). The settings alternate within each round so machine load hits them alike; medians are printed
 * with the journal records each run wrote.
 *
 * <pre>
 * mvn -B -o -q -pl compliance-benchmarks -am package -DskipTests exec:exec \
 *   -Dbench.main=org.compliancekit.benchmarks.jdbc.RunJournalOverhead -Dbench.args="200000 5"
 * </pre>
 */
public final class RunJournalOverhead {
    private static final PiiMap MAP = PiiMap.builder()
            .table("bench_orders", t -> t.field("name", Strategy.redact()).field("address", Strategy.nulled()))
            .build();
    private static final String[] NAMES = {"progress off (started, steps, close)", "default rate (5 s / 100k rows)",
        "progress after every batch"};

    private RunJournalOverhead() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); HikariDataSource ds = pool(pg)) {
            JdbcDataStore store = JdbcDataStore.builder(ds).build();
            JdbcAuditLog audit = JdbcAuditLog.builder(ds).withAutoCreate(true).build();
            long[][] nanos = new long[NAMES.length][rounds];
            long[] records = new long[NAMES.length];
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < NAMES.length; s++) {
                    BenchTable.fill(ds, "bench_orders", rows);
                    long before = head(audit);
                    long start = System.nanoTime();
                    RetentionResult result = engine(store, audit, s).execute(AuditEvent.SYSTEM);
                    nanos[s][r] = System.nanoTime() - start;
                    records[s] = head(audit) - before;
                    if (result.totalAffected() != rows) {
                        throw new IllegalStateException("the run changed " + result.totalAffected() + " rows, not "
                                + rows);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "retention run over %,d rows, batches of 1,000, %d rounds%n", rows, rounds);
            double off = median(nanos[0]);
            for (int s = 0; s < NAMES.length; s++) {
                double m = median(nanos[s]);
                System.out.printf(Locale.ROOT, "%-40s median %8.0f ms  (%+.1f%% vs off)  %3d audit records a run  "
                        + "all: %s%n", NAMES[s], m / 1e6, (m - off) / off * 100, records[s],
                        Arrays.toString(Arrays.stream(nanos[s]).map(n -> n / 1_000_000).toArray()));
            }
        }
    }

    private static RetentionEngine engine(JdbcDataStore store, JdbcAuditLog audit, int setting) {
        RetentionEngine.Builder b = RetentionEngine.builder(store, MAP, audit).withBatchSize(1_000)
                .withRules(List.of(RetentionRule.anonymize("bench_orders").named("old-orders")
                        .after(Duration.ofDays(30)).countingFrom("created_at").build()));
        return switch (setting) {
            case 0 -> b.withProgressEvery(Duration.ofDays(365), Long.MAX_VALUE).build();
            case 1 -> b.build();
            default -> b.withProgressEvery(Duration.ofDays(365), 1).build();
        };
    }

    private static long head(JdbcAuditLog audit) {
        List<org.compliancekit.audit.AuditRecord> newest = audit.query(AuditQuery.all().withLimit(1));
        return newest.isEmpty() ? 0 : newest.get(0).sequence();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
