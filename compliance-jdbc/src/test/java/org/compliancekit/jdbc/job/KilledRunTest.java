package org.compliancekit.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.DailyJob;
import org.compliancekit.job.InMemoryJobLock;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.FileSystemBlobStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A retention run killed with {@code kill -9} (a child JVM, {@link Process#destroyForcibly()}) before its first
 * batch, after some batches, and between its two rules, on an H2 file database and on PostgreSQL: the trail shows the
 * run that started, the rows it reported committed, and, after the next run, that it was interrupted, with exactly
 * the rows that are changed in the database. A backup killed after its first table is recorded interrupted by the next.
 */
class KilledRunTest {
    static final int BATCH = 500;
    static final int ORDERS = 5_000;
    static final int VISITS = 3_000;
    static final PiiMap MAP = PiiMap.builder()
            .table("orders", t -> t.subjectId("user_id").field("email", Strategy.redact()))
            .table("visits", t -> t.subjectId("user_id").field("ip", Strategy.nulled()))
            .build();

    @TempDir
    Path dir;

    static List<RetentionRule> rules() {
        return List.of(
                RetentionRule.anonymize("orders").named("old-orders").after(Duration.ofDays(30))
                        .countingFrom("created_at").build(),
                RetentionRule.delete("visits").named("old-visits").after(Duration.ofDays(30))
                        .countingFrom("created_at").build());
    }

    /** Where the child blocks (the n-th batch check) and the rows committed by then. */
    enum KillPoint {
        BEFORE_FIRST_BATCH(1, 0, 0),
        AFTER_THREE_BATCHES(4, 3 * BATCH, 0),
        BETWEEN_RULES(ORDERS / BATCH + 1, ORDERS, 0),
        IN_SECOND_RULE(ORDERS / BATCH + 3, ORDERS, 2 * BATCH);

        final int blockAt;
        final long anonymized;
        final long deleted;

        KillPoint(int blockAt, long anonymized, long deleted) {
            this.blockAt = blockAt;
            this.anonymized = anonymized;
            this.deleted = deleted;
        }

        long committed() {
            return anonymized + deleted;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String db : List.of("h2-file", "postgres")) {
            for (KillPoint p : KillPoint.values()) {
                out.add(Arguments.of(db, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: killed {1}")
    @MethodSource("cases")
    void aKilledRunIsVisibleAndTheNextRunRecordsItInterrupted(String kind, KillPoint point) throws Exception {
        Target db = target(kind);
        String url = db.url();
        String user = db.user();
        kill(start(url, user, Integer.toString(point.blockAt)));
        try (HikariDataSource ds = dataSource(url, user)) {
            assertThat(count(ds, "SELECT COUNT(*) FROM orders WHERE email = '[REDACTED]'")).isEqualTo(point.anonymized);
            assertThat(count(ds, "SELECT COUNT(*) FROM visits")).isEqualTo(VISITS - point.deleted);
            JdbcAuditLog audit = JdbcAuditLog.builder(ds).withAutoCreate(true).build();
            List<AuditRecord> killed = oldestFirst(audit);
            AuditRecord started = killed.get(0);
            assertThat(started.event().type()).isEqualTo(RunJournal.TYPE_RUN_STARTED);
            assertThat(started.event().details()).containsEntry(RunJournal.OPERATION, AuditEvent.TYPE_PII_DELETION)
                    .containsKey("rules");
            String runId = (String) started.event().details().get(RunJournal.RUN_ID);
            assertThat(killed).allMatch(r -> runId.equals(r.event().details().get(RunJournal.RUN_ID)));
            assertThat(killed).noneMatch(r -> r.event().type().equals(AuditEvent.TYPE_PII_DELETION));
            long lastReported = killed.stream().filter(r -> r.event().type().equals(RunJournal.TYPE_RUN_PROGRESS))
                    .mapToLong(r -> ((Number) r.event().details().get(RunJournal.COMMITTED_ROWS)).longValue())
                    .max().orElse(0);
            assertThat(lastReported).as("rows the killed run reported committed").isEqualTo(point.committed());
            if (point.blockAt > ORDERS / BATCH) {
                assertThat(killed).anyMatch(r -> "step".equals(r.event().details().get("kind"))
                        && "old-orders".equals(r.event().details().get("rule")));
            }

            // The next run, through the daily job's manual trigger under the job lock, records the interruption.
            JdbcDataStore store = JdbcDataStore.builder(ds).build();
            RetentionEngine engine = RetentionEngine.builder(store, MAP, audit).withRules(rules())
                    .withBatchSize(BATCH).build();
            DailyJob job = DailyJob.builder(new InMemoryJobLock(java.time.Clock.systemUTC()), audit)
                    .withRetention(engine).build();
            RetentionResult next = job.piiDeletion("ops");
            assertThat(next.totalAffected()).isEqualTo(ORDERS + VISITS - point.committed());

            List<AuditRecord> after = oldestFirst(audit).subList(killed.size(), oldestFirst(audit).size());
            AuditRecord interrupted = after.get(0);
            assertThat(interrupted.event().type()).isEqualTo(RunJournal.TYPE_RUN_INTERRUPTED);
            assertThat(interrupted.event().status()).isEqualTo(AuditStatus.FAILED);
            assertThat(interrupted.event().details()).containsEntry(RunJournal.RUN_ID, runId)
                    .containsEntry(RunJournal.OPERATION, AuditEvent.TYPE_PII_DELETION);
            assertThat(((Number) interrupted.event().details().get("started_sequence")).longValue())
                    .isEqualTo(started.sequence());
            assertThat(((Number) interrupted.event().details().get(RunJournal.COMMITTED_ROWS)).longValue())
                    .isEqualTo(point.committed());
            assertThat(after.get(1).event().type()).isEqualTo(RunJournal.TYPE_RUN_STARTED);
            assertThat(after.get(after.size() - 1).event().type()).isEqualTo(AuditEvent.TYPE_PII_DELETION);
            assertThat(audit.verify().valid()).isTrue();

            // Recorded once: a later run does not report the same run again.
            job.piiDeletion("ops");
            assertThat(oldestFirst(audit)).filteredOn(r -> r.event().type().equals(RunJournal.TYPE_RUN_INTERRUPTED))
                    .hasSize(1);
        } finally {
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}: backup killed after its first table")
    @ValueSource(strings = {"h2-file", "postgres"})
    void aBackupKilledAfterItsFirstTableIsRecordedInterruptedByTheNextBackup(String kind) throws Exception {
        Target db = target(kind);
        Path store = dir.resolve("backups");
        kill(start(db.url(), db.user(), "1", "backup", store.toString()));
        try (HikariDataSource ds = dataSource(db.url(), db.user())) {
            JdbcAuditLog audit = JdbcAuditLog.builder(ds).withAutoCreate(true).build();
            List<AuditRecord> killed = oldestFirst(audit);
            assertThat(killed).extracting(r -> r.event().type()).doesNotContain(AuditEvent.TYPE_BACKUP)
                    .startsWith(RunJournal.TYPE_RUN_STARTED);
            String runId = (String) killed.get(0).event().details().get(RunJournal.RUN_ID);
            assertThat(killed.get(0).event().details()).containsEntry(RunJournal.OPERATION, AuditEvent.TYPE_BACKUP);

            Backups backups = Backups.builder(JdbcDataStore.builder(ds).build(), FileSystemBlobStore.at(store), audit)
                    .withSettings(BackupSettings.defaults().withEncrypted(false)).build();
            DailyJob job = DailyJob.builder(new InMemoryJobLock(java.time.Clock.systemUTC()), audit)
                    .withBackups(backups).build();
            assertThat(job.backup("ops").status()).isEqualTo(BackupStatus.COMPLETED);

            List<AuditRecord> after = oldestFirst(audit).subList(killed.size(), oldestFirst(audit).size());
            assertThat(after.get(0).event().type()).isEqualTo(RunJournal.TYPE_RUN_INTERRUPTED);
            assertThat(after.get(0).event().details()).containsEntry(RunJournal.RUN_ID, runId)
                    .containsEntry(RunJournal.OPERATION, AuditEvent.TYPE_BACKUP);
            assertThat(after.get(after.size() - 1).event().type()).isEqualTo(AuditEvent.TYPE_BACKUP);
            assertThat(audit.verify().valid()).isTrue();
        } finally {
            db.close();
        }
    }

    /** A database for the child: a fresh PostgreSQL one, or an H2 file with the shop created in it. */
    private Target target(String kind) throws SQLException {
        Target t;
        if (kind.equals("postgres")) {
            TestDatabase.Fresh pg = TestDatabase.POSTGRES.fresh();
            try (Connection c = pg.dataSource().getConnection()) {
                t = new Target(c.getMetaData().getURL(), c.getMetaData().getUserName(), pg);
            }
        } else {
            // WRITE_DELAY=0: H2 otherwise writes commits to the file up to half a second later; a kill -9 loses them.
            t = new Target("jdbc:h2:file:" + dir.resolve("shop") + ";FILE_LOCK=NO;WRITE_DELAY=0", "sa", null);
        }
        try (HikariDataSource ds = dataSource(t.url(), t.user())) {
            createShop(ds);
        }
        return t;
    }

    /** Where the child runs; closing drops a PostgreSQL database. */
    private record Target(String url, String user, TestDatabase.Fresh pg) {
        void close() {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static Process start(String url, String user, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                RetentionRunChild.class.getName(), url, user));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Waits for the child to block inside its run, then kills it with SIGKILL (on Linux): no shutdown hook runs. */
    private static void kill(Process child) throws Exception {
        try {
            awaitBlocked(child);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    /** Reads the child's output until it says it is blocked inside a batch; fails with its output if it ends. */
    private static void awaitBlocked(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(RetentionRunChild.BLOCKED)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended before it blocked:\n" + seen);
    }

    private static HikariDataSource dataSource(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void createShop(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, email VARCHAR(255), "
                    + "created_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE visits (id BIGINT PRIMARY KEY, user_id BIGINT, ip VARCHAR(45), "
                    + "created_at TIMESTAMP NOT NULL)");
            Timestamp old = Timestamp.valueOf(LocalDateTime.now().minusDays(400));
            c.setAutoCommit(false);
            insert(c, "INSERT INTO orders VALUES (?, ?, ?, ?)", ORDERS, "buyer@example.com", old);
            insert(c, "INSERT INTO visits VALUES (?, ?, ?, ?)", VISITS, "192.0.2.1", old);
            c.commit();
        }
    }

    private static void insert(Connection c, String sql, int rows, String value, Timestamp at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= rows; i++) {
                ps.setLong(1, i);
                ps.setLong(2, i % 97);
                ps.setString(3, value);
                ps.setTimestamp(4, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<AuditRecord> oldestFirst(JdbcAuditLog audit) {
        List<AuditRecord> all = new ArrayList<>(audit.query(AuditQuery.all().withLimit(10_000)));
        all.sort(Comparator.comparingLong(AuditRecord::sequence));
        return all;
    }
}
