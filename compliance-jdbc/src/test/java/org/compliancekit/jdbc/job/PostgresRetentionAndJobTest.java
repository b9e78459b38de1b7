package org.compliancekit.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.DatabaseProduct;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.JdbcJobLock;
import org.compliancekit.jdbc.JdbcLegalHold;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.DailyJob;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.JobSettings;
import org.compliancekit.job.StepState;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionPresets;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.RowKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retention and daily-job scenarios of the core's in-memory tests, on a real PostgreSQL. */
class PostgresRetentionAndJobTest {
    static final Instant NOW_INSTANT = Instant.parse("2026-06-01T03:00:00Z");
    static final LocalDateTime NOW = LocalDateTime.ofInstant(NOW_INSTANT, ZoneOffset.UTC);
    static final ErasureContext CTX = ErasureContext.withHashSecret("postgres-retention-secret-32byte".getBytes());
    static final String KEY = "BJ0Z8oFYPCthKY437TI5LQ9UNNeVW++QnIFnX1SdOLA="; // any random 32 bytes
    static final PiiMap MAP = PiiMap.builder()
            .table("orders", t -> t.subjectId("user_id").field("email", Strategy.hash())
                    .field("shipping_address", Strategy.redact()).keep("amount", "bookkeeping law: 5 years"))
            .table("subscribers", t -> t.subjectEmail("email").deleteRow().field("email", Strategy.nulled()))
            .build();

    TestDatabase.Fresh db;
    JdbcDataStore store;
    JdbcAuditLog audit;

    @BeforeEach
    void setUp() {
        db = TestDatabase.POSTGRES.fresh();
        db.execute(
                "CREATE TABLE users (id BIGINT PRIMARY KEY)",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users(id), "
                        + "status VARCHAR(20) NOT NULL, status_changed_at TIMESTAMP, email VARCHAR(255), "
                        + "shipping_address VARCHAR(200), amount NUMERIC(12,2) NOT NULL)",
                "CREATE TABLE subscribers (id BIGINT PRIMARY KEY, email VARCHAR(255), active BOOLEAN, "
                        + "updated_at TIMESTAMP NOT NULL)",
                "CREATE TABLE accounts (id BIGINT PRIMARY KEY, closed_at TIMESTAMP)",
                "CREATE TABLE invoices (id BIGINT PRIMARY KEY, account_id BIGINT NOT NULL "
                        + "CONSTRAINT fk_invoices_account REFERENCES accounts(id))",
                "INSERT INTO users VALUES (1), (2), (3)",
                JdbcJobLock.ddl(DatabaseProduct.POSTGRESQL),
                JdbcLegalHold.ddl(DatabaseProduct.POSTGRESQL));
        store = JdbcDataStore.builder(db.dataSource()).build();
        audit = JdbcAuditLog.builder(db.dataSource()).withSigner(CheckpointSigner.generate("audit-pg"))
                .withClock(clock(NOW_INSTANT)).withAutoCreate(true).build();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    static Clock clock(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    RetentionEngine engine(Instant at, LegalHold hold, int batch, List<RetentionRule> rules) {
        return RetentionEngine.builder(store, MAP, audit).withClock(clock(at)).withErasureContext(CTX)
                .withLegalHold(hold).withBatchSize(batch).withRules(rules).build();
    }

    void order(long id, long user, String status, LocalDateTime changed) {
        db.execute("INSERT INTO orders VALUES (" + id + ", " + user + ", '" + status + "', "
                + (changed == null ? "NULL" : "TIMESTAMP '" + changed + "'") + ", 'buyer" + id + "@example.com', '"
                + id + " Long Road', 10.00)");
    }

    Map<Long, List<Object>> orders() {
        Map<Long, List<Object>> out = new TreeMap<>();
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT id, email, shipping_address FROM orders")) {
            while (rs.next()) {
                out.put(rs.getLong(1), java.util.Arrays.asList(rs.getString(2), rs.getString(3)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void boundariesAreExactToTheSecond() {
        order(1, 1, "shipped", NOW.minusDays(30));
        order(2, 1, "shipped", NOW.minusDays(30).plusSeconds(1));
        order(3, 1, "shipped", NOW.minusDays(30).minusSeconds(1));
        RetentionResult r = engine(NOW_INSTANT, LegalHold.none(), 1000,
                List.of(RetentionPresets.orders("orders", "status", "status_changed_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.totalAffected()).isEqualTo(2);
        assertThat(orders().get(1L).get(1)).isEqualTo("[REDACTED]");
        assertThat(orders().get(2L).get(1)).isEqualTo("2 Long Road");
        assertThat(orders().get(3L).get(1)).isEqualTo("[REDACTED]");
    }

    @Test
    void everyConditionKindSelectsAsInMemory() {
        order(1, 1, "shipped", NOW.minusDays(40));
        order(2, 2, "pending", NOW.minusDays(40));
        order(3, 3, "refunded", NOW.minusDays(40));
        order(4, 3, "refunded", null);
        db.execute("INSERT INTO subscribers VALUES (1, 'a@example.com', false, TIMESTAMP '" + NOW.minusDays(91) + "'), "
                + "(2, 'b@example.com', true, TIMESTAMP '" + NOW.minusDays(91) + "'), "
                + "(3, 'c@example.com', NULL, TIMESTAMP '" + NOW.minusDays(91) + "')");
        RetentionRule in = RetentionPresets.orders("orders", "status", "status_changed_at");
        RetentionRule andOr = RetentionRule.anonymize("orders").named("and-or").afterDays(30)
                .countingFrom("status_changed_at").when(Condition.and(Condition.isNotNull("user_id"),
                        Condition.or(Condition.in("status", "pending"), Condition.in("user_id", 3)))).build();
        RetentionRule isFalse = RetentionPresets.subscribers("subscribers", "active", "updated_at");
        RetentionRule isTrue = RetentionRule.delete("subscribers").named("true").afterDays(90).countingFrom("updated_at")
                .when(Condition.isTrue("active")).build();
        RetentionRule isNull = RetentionRule.delete("subscribers").named("null").afterDays(90).countingFrom("updated_at")
                .when(Condition.isNull("active")).build();
        assertThat(engine(NOW_INSTANT, LegalHold.none(), 1000, List.of(in, andOr, isFalse, isTrue, isNull)).plan().rules())
                .extracting(p -> p.matching()).containsExactly(2L, 2L, 1L, 1L, 1L);
        assertThat(engine(NOW_INSTANT, LegalHold.none(), 1000, List.of(in)).plan().rules().get(0).sampleKeys()).containsExactly(RowKey.of(1L), RowKey.of(3L));
    }

    @Test
    void aSecondRunChangesNothingAndHashesAreNotHashedAgain() {
        for (int i = 1; i <= 25; i++) {
            order(i, 1 + i % 3, "delivered", NOW.minusDays(31));
        }
        List<RetentionRule> rules = List.of(RetentionPresets.orders("orders", "status", "status_changed_at"));
        RetentionEngine engine = engine(NOW_INSTANT, LegalHold.none(), 10, rules);
        long planned = engine.plan().totalMatching();
        RetentionResult first = engine.execute(AuditEvent.SYSTEM);
        assertThat(first.totalAffected()).isEqualTo(planned).isEqualTo(25);
        assertThat(first.rules().get(0).batches()).isEqualTo(3);
        Map<Long, List<Object>> once = orders();
        assertThat((String) once.get(1L).get(0)).startsWith(Strategy.Hash.PREFIX);
        assertThat(engine.execute(AuditEvent.SYSTEM).totalAffected()).isZero();
        assertThat(orders()).isEqualTo(once);
    }

    @Test
    void legalHoldsInTheDatabaseAreCountedAndRespected() {
        order(1, 1, "shipped", NOW.minusDays(40));
        order(2, 2, "shipped", NOW.minusDays(40));
        order(3, 3, "shipped", NOW.minusDays(40));
        JdbcLegalHold hold = JdbcLegalHold.builder(db.dataSource()).build();
        hold.holdSubject("2", "litigation 2026-17");
        hold.holdRow("orders", RowKey.of(3L), "tax audit");
        RetentionResult r = engine(NOW_INSTANT, hold, 1000,
                List.of(RetentionPresets.orders("orders", "status", "status_changed_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.totalAffected()).isEqualTo(1);
        assertThat(r.totalHeld()).isEqualTo(2);
        assertThat(orders().get(2L).get(1)).isEqualTo("2 Long Road");
        assertThat(orders().get(3L).get(1)).isEqualTo("3 Long Road");
    }

    @Test
    void aForeignKeyBlockingADeleteFailsOnlyItsRule() {
        db.execute("INSERT INTO accounts VALUES (1, TIMESTAMP '" + NOW.minusDays(400) + "')",
                "INSERT INTO invoices VALUES (1, 1)",
                "INSERT INTO subscribers VALUES (1, 'a@example.com', false, TIMESTAMP '" + NOW.minusDays(91) + "')");
        RetentionRule accounts = RetentionRule.delete("accounts").afterDays(365).countingFrom("closed_at").build();
        RetentionResult r = engine(NOW_INSTANT, LegalHold.none(), 1000,
                List.of(accounts, RetentionPresets.subscribers("subscribers", "active", "updated_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(r.rules().get(0).error()).contains("fk_invoices_account").contains("invoices");
        assertThat(r.rules().get(1).affected()).isEqualTo(1);
    }

    DailyJob job(Instant at, Duration backupCadence, KeyRing keys, InMemoryBlobStore blobs) {
        Backups backups = Backups.builder(store, blobs, audit).withKeys(keys).withClock(clock(at))
                .withSettings(BackupSettings.defaults().withEnabled(true).withCadence(backupCadence)).build();
        return DailyJob.builder(JdbcJobLock.builder(db.dataSource()).build(), audit).withClock(clock(at))
                .withSettings(JobSettings.defaults()).withBackups(backups)
                .withRetention(engine(at, LegalHold.none(), 1000,
                        List.of(RetentionPresets.orders("orders", "status", "status_changed_at"))))
                .build();
    }

    @Test
    void cadencesAreReadFromTheDatabaseAcrossRestarts() {
        order(1, 1, "shipped", NOW.minusDays(40));
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        KeyRing keys = KeyRing.single("k", KEY);
        JobReport first = job(NOW_INSTANT, Duration.ofHours(168), keys, blobs).run();
        assertThat(first.backup().state()).isEqualTo(StepState.RAN);
        assertThat(first.piiDeletion().result().totalAffected()).isEqualTo(1);

        JobReport restart = job(NOW_INSTANT.plus(Duration.ofHours(3)), Duration.ofHours(168), keys, blobs).run();
        assertThat(restart.backup().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(restart.piiDeletion().state()).isEqualTo(StepState.NOT_DUE);

        JobReport tomorrow = job(NOW_INSTANT.plus(Duration.ofDays(1)), Duration.ofHours(168), keys, blobs).run();
        assertThat(tomorrow.backup().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(tomorrow.piiDeletion().state()).isEqualTo(StepState.RAN);

        JobReport nextWeek = job(NOW_INSTANT.plus(Duration.ofDays(7)), Duration.ofHours(168), keys, blobs).run();
        assertThat(nextWeek.backup().state()).isEqualTo(StepState.RAN);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void aFailedBackupSkipsDeletionAndSaysWhy() {
        order(1, 1, "shipped", NOW.minusDays(40));
        JobReport r = job(NOW_INSTANT, Duration.ofHours(24), KeyRing.empty(), new InMemoryBlobStore()).run();
        assertThat(r.backup().state()).isEqualTo(StepState.FAILED);
        assertThat(r.piiDeletion().state()).isEqualTo(StepState.SKIPPED);
        assertThat(orders().get(1L).get(1)).isEqualTo("1 Long Road");
        assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_PII_DELETION))).singleElement()
                .satisfies(e -> assertThat((String) e.event().details().get("reason")).contains("backup failed"));
    }

    @Test
    void twoInstancesRacingOnOneDatabaseRunTheJobOnce() throws Exception {
        order(1, 1, "shipped", NOW.minusDays(40));
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        int instances = 4;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<JobReport>> reports = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                DailyJob job = job(NOW_INSTANT, Duration.ofHours(24), KeyRing.single("k", KEY), blobs);
                reports.add(pool.submit(() -> {
                    start.await();
                    return job.run();
                }));
            }
            int ran = 0;
            for (Future<JobReport> f : reports) {
                ran += f.get().locked() ? 0 : 1;
            }
            assertThat(ran).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_BACKUP))).hasSize(1);
        assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_PII_DELETION))).hasSize(1);
    }
}
