package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.AuditVerifier;
import org.compliancekit.audit.ChainBreak;
import org.compliancekit.audit.ChainBreak.Reason;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.CheckpointVerifier;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What only a real database can show: tampering with the stored rows is detected and named, several connections
 * append one chain, and the shipped DDL works as users copy it. Each database's test is a constructor call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcAuditLogTest {

    private static final int RECORDS = 20;

    private final AuditTestTables db;
    private final CheckpointSigner signer = CheckpointSigner.generate("tamper-test");
    private final Clock clock = Clock.fixed(Instant.parse("2026-05-05T12:00:00Z"), ZoneOffset.UTC);
    private String table;
    private JdbcAuditLog log;

    AbstractJdbcAuditLogTest(TestDatabase kind) {
        this.db = new AuditTestTables(kind);
    }

    /** Events per appender in the concurrency test. */
    int eventsPerAppender() {
        return 1000;
    }

    @BeforeEach
    void fill() {
        table = AuditTestTables.newTable();
        log = JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(signer).withClock(clock)
                .withAutoCreate(true).build();
        for (int i = 1; i <= RECORDS; i++) {
            log.append(new AuditEvent("backup", AuditStatus.COMPLETED, "job", "backup " + i, Map.of("n", i),
                    Duration.ofSeconds(i), false));
        }
        assertThat(log.verify().valid()).isTrue();
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }

    @Test
    void anAuditorVerifiesWithThePublicKeyAlone() {
        log.checkpoint();
        CheckpointVerifier publicHalf = CheckpointVerifier.fromBase64(signer.keyId(), signer.verifier().publicKeyBase64());
        AuditVerifier auditor = JdbcAuditLog.builder(db.dataSource()).withTable(table).withPublicKeys(publicHalf)
                .buildVerifier();
        AuditVerification ok = auditor.verify();
        assertThat(ok.valid()).isTrue();
        assertThat(ok.checkpointsChecked()).isEqualTo(1);

        db.execute("UPDATE " + table + " SET summary = 'edited' WHERE seq = 7");
        assertThat(auditor.verify().firstBreak().sequence()).isEqualTo(7);

        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable(table).buildVerifier())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withPublicKeys");
        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable(table).build().verify())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withPublicKeys");
    }

    @Test
    void anotherKeyPairUnderAKeyIdTheLogKnowsIsRefusedAtStartup() {
        log.checkpoint();
        CheckpointSigner impostor = CheckpointSigner.generate(signer.keyId());
        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(impostor).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("key id '" + signer.keyId() + "'").hasMessageContaining("public key differs");
        // The same key pair, and a new key under a new id, are fine.
        JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(signer).build();
        JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(CheckpointSigner.generate("next-key"))
                .withRetiredKeys(signer.verifier()).build().checkpoint();
        assertThat(JdbcAuditLog.builder(db.dataSource()).withTable(table).withPublicKeys(signer.verifier())
                .withPublicKeys(CheckpointSigner.generate("next-key").verifier())
                .buildVerifier().verify().valid()).isFalse();
    }

    @Test
    void instancesStartingTogetherOnAFreshDatabaseAllCreateOrFindTheTables() throws Exception {
        for (int round = 0; round < 5; round++) {
            String fresh = AuditTestTables.newTable();
            int instances = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                List<Future<JdbcAuditLog>> starts = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    starts.add(pool.submit(() -> {
                        start.await();
                        return JdbcAuditLog.builder(db.unpooled()).withTable(fresh).withSigner(signer)
                                .withClock(clock).withAutoCreate(true).build();
                    }));
                }
                start.countDown();
                for (Future<JdbcAuditLog> f : starts) {
                    f.get(60, TimeUnit.SECONDS).append(new AuditEvent("backup", AuditStatus.COMPLETED, null,
                            "started", Map.of(), Duration.ZERO, false));
                }
            } finally {
                pool.shutdownNow();
            }
            JdbcAuditLog one = JdbcAuditLog.builder(db.dataSource()).withTable(fresh).withSigner(signer)
                    .withClock(clock).build();
            assertThat(one.verify().lastSequence()).as("round " + round).isEqualTo(instances);
            assertThat(one.verify().valid()).isTrue();
        }
    }

    @Test
    void editingOneFieldOfAMiddleRowIsAHashMismatchAtThatRow() {
        db.execute("UPDATE " + table + " SET summary = 'backup 99' WHERE seq = 10");
        assertBreak(log.verify(), 10, Reason.HASH_MISMATCH);
        db.execute("UPDATE " + table + " SET summary = 'backup 10' WHERE seq = 10");
        db.execute("UPDATE " + table + " SET details = '{\"n\":11}' WHERE seq = 12");
        assertBreak(log.verify(), 12, Reason.HASH_MISMATCH);
    }

    @Test
    void aNullForcedIntoARowIsAHashMismatchNotACrash() {
        String alter = switch (DatabaseProduct.detect(db.dataSource())) {
            case POSTGRESQL -> "ALTER TABLE " + table + " ALTER COLUMN summary DROP NOT NULL";
            case H2 -> "ALTER TABLE " + table + " ALTER COLUMN summary SET NULL";
            case MARIADB, MYSQL -> "ALTER TABLE " + table + " MODIFY summary TEXT NULL";
        };
        db.execute(alter, "UPDATE " + table + " SET summary = NULL WHERE seq = 6");
        assertBreak(log.verify(), 6, Reason.HASH_MISMATCH);
    }

    @Test
    void deletingAMiddleRowIsAGapAtThatRow() {
        db.execute("DELETE FROM " + table + " WHERE seq = 10");
        assertBreak(log.verify(), 10, Reason.GAP);
        assertBreak(log.verify(AuditRange.sequences(11, 15)), 10, Reason.GAP);
        assertThat(log.verify(AuditRange.sequences(1, 9)).valid()).isTrue();
    }

    @Test
    void deletingTheTailAfterACheckpointIsDetected() {
        Checkpoint checkpoint = log.checkpoint();
        db.execute("DELETE FROM " + table + " WHERE seq >= 15");
        assertBreak(log.verify(), 15, Reason.GAP); // the head row still counts 20

        setHead(14);
        assertBreak(log.verify(), 15, Reason.CHECKPOINT_MISMATCH); // the stored checkpoint covers 20

        db.execute("DELETE FROM " + table + "_checkpoint");
        assertThat(log.verify().valid()).isTrue(); // the database alone no longer tells...
        assertBreak(log.verify(AuditRange.all().against(checkpoint)), 15, Reason.CHECKPOINT_MISMATCH); // ...a kept copy does
    }

    @Test
    void swappingTwoSequenceNumbersIsAReorder() {
        db.execute("UPDATE " + table + " SET seq = -7 WHERE seq = 7",
                "UPDATE " + table + " SET seq = 7 WHERE seq = 8",
                "UPDATE " + table + " SET seq = 8 WHERE seq = -7");
        ChainBreak b = assertBreak(log.verify(), 7, Reason.REORDER);
        assertThat(b.explanation()).contains("chained as record 8");
    }

    @Test
    void aForgedRowIsNamed() {
        ChainRow forged = AuditChain.link(RECORDS + 1, clock.instant(),
                AuditEvent.of("permission_change", AuditStatus.SUCCESS, "mallory", "grant admin"), headHash());
        insert(forged);
        assertBreak(log.verify(), RECORDS + 1, Reason.FORGED_ROW);
    }

    @Test
    void aMiddleRowReplacedWithARecomputedHashIsAForgedRow() {
        ChainRow original = rows().get(9);
        ChainRow forged = AuditChain.link(10, original.occurredAt(),
                AuditEvent.of("backup", AuditStatus.FAILED, "job", "nothing to see"), original.previousHash());
        db.execute("DELETE FROM " + table + " WHERE seq = 10");
        insert(forged);
        assertBreak(log.verify(), 10, Reason.FORGED_ROW);
    }

    @Test
    void recomputingTheWholeChainWithoutTheSigningKeyIsCaughtByTheCheckpoint() {
        log.checkpoint();
        List<ChainRow> rows = rows();
        db.execute("DELETE FROM " + table);
        String previous = AuditChain.GENESIS_HASH;
        for (ChainRow r : rows) {
            AuditEvent event = r.toRecord().event();
            if (r.sequence() == 5) {
                event = AuditEvent.of("backup", AuditStatus.FAILED, "job", "rewritten");
            }
            ChainRow relinked = AuditChain.link(r.sequence(), r.occurredAt(), event, previous);
            insert(relinked);
            previous = relinked.hash();
        }
        setHead(RECORDS);
        assertBreak(log.verify(), RECORDS, Reason.CHECKPOINT_MISMATCH);

        db.execute("UPDATE " + table + "_checkpoint SET head_hash = '" + previous + "'");
        ChainBreak b = assertBreak(log.verify(), RECORDS, Reason.BAD_SIGNATURE);
        assertThat(b.explanation()).contains("tamper-test");
    }

    @Test
    void movingTheGenesisWithoutASignedCheckpointIsDetected() {
        db.execute("DELETE FROM " + table + " WHERE seq <= 5");
        db.execute("UPDATE " + table + "_head SET genesis_seq = 5, genesis_hash = '" + rows().get(0).previousHash() + "'");
        assertBreak(log.verify(), 5, Reason.GAP);
    }

    @Test
    void checkpointsOfARetiredKeyVerifyAfterRotationAndAnAuditorNeedsOnlyPublicKeys() {
        log.checkpoint();
        CheckpointSigner next = CheckpointSigner.generate("tamper-test-2");
        JdbcAuditLog rotated = JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(next).withClock(clock)
                .withRetiredKeys(signer.verifier()).build();
        rotated.append(AuditEvent.of("config_change", AuditStatus.SUCCESS, "admin", "rotated the audit key"));
        rotated.checkpoint();
        assertThat(rotated.verify().valid()).isTrue();

        JdbcAuditLog forgetful = JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(next).build();
        ChainBreak b = assertBreak(forgetful.verify(), RECORDS, Reason.BAD_SIGNATURE);
        assertThat(b.explanation()).contains("'tamper-test'").contains("not a trusted key");

        JdbcAuditLog auditor = JdbcAuditLog.builder(db.dataSource()).withTable(table)
                .withRetiredKeys(signer.verifier(), CheckpointVerifier.fromBase64("tamper-test-2",
                        next.verifier().publicKeyBase64()))
                .build();
        AuditVerification v = auditor.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.checkpointsChecked()).isEqualTo(2);
        assertThatThrownBy(auditor::checkpoint).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void pruneDeletesInBatchesAndTheRestVerifies() {
        Clock later = Clock.offset(clock, Duration.ofDays(30));
        JdbcAuditLog small = JdbcAuditLog.builder(db.dataSource()).withTable(table).withSigner(signer).withClock(later)
                .withBatchSize(3).build();
        small.append(AuditEvent.of("backup", AuditStatus.COMPLETED, null, "later"));
        assertThat(small.prune(later.instant()).deletedRecords()).isEqualTo(RECORDS);
        assertThat(small.query(AuditQuery.all())).extracting(AuditRecord::sequence).containsExactly(22L, 21L);
        assertThat(small.verify().valid()).isTrue();
        assertThat(log.verify().valid()).isTrue();
    }

    @Test
    void eightAppendersOnSeparateConnectionsMakeOneValidChain() throws Exception {
        String concurrent = AuditTestTables.newTable();
        JdbcAuditLog.builder(db.dataSource()).withTable(concurrent).withAutoCreate(true).build();
        int appenders = 8;
        int each = eventsPerAppender();
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < appenders; t++) {
                // A log per thread over the pool: like separate application instances sharing the table.
                JdbcAuditLog own = JdbcAuditLog.builder(db.dataSource()).withTable(concurrent).withSigner(signer)
                        .withClock(clock).build();
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        own.append(AuditEvent.of("backup", AuditStatus.SUCCESS, "instance", "concurrent"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(8, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        JdbcAuditLog reader = JdbcAuditLog.builder(db.dataSource()).withTable(concurrent).withSigner(signer).build();
        AuditVerification v = reader.verify();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo((long) appenders * each);
        assertThat(v.lastSequence()).isEqualTo((long) appenders * each);
    }

    @Test
    void theShippedDdlWorksAsCopiedIntoAMigration() {
        AuditSql defaults = new AuditSql(DatabaseProduct.detect(db.dataSource()), AuditSql.DDL_TABLE_NAME);
        db.execute(defaults.ddl().toArray(String[]::new));
        db.execute(defaults.ddl().toArray(String[]::new)); // a repeated migration changes nothing
        JdbcAuditLog plain = JdbcAuditLog.builder(db.dataSource()).withSigner(signer).withClock(clock).build();
        plain.append(AuditEvent.of("config_change", AuditStatus.SUCCESS, "admin", "first"));
        plain.checkpoint();
        assertThat(plain.verify().valid()).isTrue();
        assertThat(plain.verify().recordsChecked()).isEqualTo(1);
    }

    @Test
    void aSubjectsIpIsErasedAndAnAuditorWithThePublicKeyOnlyStillVerifies() {
        log.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in").withPersonalField("ip", "203.0.113.7")
                .withPersonalField(AuditEvent.SUBJECT_REF, "42"));
        log.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in").withPersonalField("ip", "198.51.100.1")
                .withPersonalField(AuditEvent.SUBJECT_REF, "43"));
        log.checkpoint();
        AuditVerifier auditor = JdbcAuditLog.builder(db.dataSource()).withTable(table)
                .withPublicKeys(CheckpointVerifier.fromBase64(signer.keyId(), signer.verifier().publicKeyBase64()))
                .buildVerifier();
        assertThat(auditor.verify().valid()).isTrue();

        PersonalFieldErasure erased = log.erasePersonalFields("42");

        assertThat(erased.records()).isEqualTo(1);
        assertThat(erased.fields()).isEqualTo(2);
        assertThat(db.dump(table)).doesNotContain("203.0.113.7").contains("198.51.100.1");
        AuditVerification v = auditor.verify();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo(RECORDS + 3);
        db.execute("UPDATE " + table + " SET summary = 'signed out' WHERE seq = " + (RECORDS + 1));
        assertBreak(auditor.verify(), RECORDS + 1, Reason.HASH_MISMATCH);
    }

    @Test
    void aTableFromBeforeVersion2VerifiesReadOnlyAndIsUpgradedIntoAMixedChain() {
        String old = AuditTestTables.newTable();
        JdbcAuditLog.builder(db.dataSource()).withTable(old).withClock(clock).withAutoCreate(true).build();
        db.execute("ALTER TABLE " + old + " DROP COLUMN personal", "ALTER TABLE " + old + " DROP COLUMN chain_version");
        String head = insertVersion1(old, 3);
        db.execute("UPDATE " + old + "_head SET head_seq = 3, head_hash = '" + head + "'");
        AuditVerifier auditor = JdbcAuditLog.builder(db.dataSource()).withTable(old)
                .withPublicKeys(signer.verifier()).buildVerifier();
        assertThat(auditor.verify().valid()).isTrue();
        assertThat(auditor.verify().recordsChecked()).isEqualTo(3);
        JdbcAuditLog notUpgraded = JdbcAuditLog.builder(db.dataSource()).withTable(old).withClock(clock).build();
        assertThat(notUpgraded.verify().valid()).isTrue();
        assertThat(notUpgraded.erasePersonalFields("42")).isEqualTo(PersonalFieldErasure.nothing());
        assertThatThrownBy(() -> notUpgraded.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("chain_version")
                .hasMessageContaining("audit-upgrade-2-");
        assertThat(notUpgraded.verify().recordsChecked()).isEqualTo(3);

        JdbcAuditLog upgraded = JdbcAuditLog.builder(db.dataSource()).withTable(old).withSigner(signer)
                .withClock(clock).withAutoCreate(true).build();
        upgraded.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")
                .withPersonalField("ip", "203.0.113.7").withPersonalField(AuditEvent.SUBJECT_REF, "42"));
        assertThat(upgraded.erasePersonalFields("42").records()).isEqualTo(1);

        AuditVerification v = upgraded.verify();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo(5);
        assertThat(rows(old)).extracting(ChainRow::version).containsExactly(1, 1, 1, 2, 2);
        db.execute("UPDATE " + old + " SET chain_version = 2 WHERE seq = 2");
        ChainBreak b = upgraded.verify().firstBreak();
        assertThat(b.sequence()).isEqualTo(2);
        assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
    }

    /** Writes {@code count} version 1 records into {@code into}, as a Compliance Kit before version 2 did. */
    private String insertVersion1(String into, int count) {
        String previous = AuditChain.GENESIS_HASH;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + into + " (" + AuditSql.COLUMNS_V1 + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= count; i++) {
                ChainRow linked = AuditChain.link(i, clock.instant().plusSeconds(i), new AuditEvent("backup",
                        AuditStatus.COMPLETED, null, "backup " + i, Map.of("n", i), Duration.ofSeconds(i), false),
                        previous);
                ChainRow v1 = new ChainRow(i, linked.occurredAt(), linked.type(), linked.status(), linked.actor(),
                        linked.summary(), linked.detailsJson(), linked.durationNanos(), linked.dryRun(), previous, "");
                String hash = AuditChain.hash(v1);
                ps.setLong(1, i);
                ps.setObject(2, AuditTables.utc(v1.occurredAt()));
                ps.setString(3, v1.type());
                ps.setString(4, v1.status());
                ps.setString(5, v1.actor());
                ps.setString(6, v1.summary());
                ps.setString(7, v1.detailsJson());
                ps.setLong(8, v1.durationNanos());
                ps.setBoolean(9, v1.dryRun());
                ps.setString(10, previous);
                ps.setString(11, hash);
                ps.executeUpdate();
                previous = hash;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return previous;
    }

    @Test
    void missingTablesAreAConfigurationErrorNamingThem() {
        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable("no_such_audit").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no_such_audit_head")
                .hasMessageContaining("withAutoCreate(true)");
        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable("bad name; drop").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plain SQL identifier");
        assertThatThrownBy(() -> JdbcAuditLog.builder(db.dataSource()).withTable(table).withBatchSize(0).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("batch size");
    }

    @Test
    void checkpointAndPruneNeedASigner() {
        JdbcAuditLog unsigned = JdbcAuditLog.builder(db.dataSource()).withTable(table).withClock(clock).build();
        assertThatThrownBy(unsigned::checkpoint).isInstanceOf(ConfigurationException.class).hasMessageContaining("withSigner");
        assertThatThrownBy(() -> unsigned.prune(clock.instant())).isInstanceOf(ConfigurationException.class);
        assertThat(unsigned.verify().valid()).isTrue(); // no checkpoints stored yet: nothing to check them with
        log.checkpoint();
        assertThatThrownBy(unsigned::verify).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("withPublicKeys");
    }

    private ChainBreak assertBreak(AuditVerification v, long sequence, Reason reason) {
        assertThat(v.valid()).as("chain of %s verifies", table).isFalse();
        ChainBreak b = v.firstBreak();
        assertThat(b.reason()).as(b.explanation()).isEqualTo(reason);
        assertThat(b.sequence()).as(b.explanation()).isEqualTo(sequence);
        assertThat(b.explanation()).contains(Long.toString(sequence));
        return b;
    }

    private List<ChainRow> rows() {
        return rows(table);
    }

    private List<ChainRow> rows(String of) {
        List<ChainRow> rows = new ArrayList<>();
        AuditTables reader = new AuditTables(db.dataSource(), new AuditSql(DatabaseProduct.detect(db.dataSource()), of));
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + AuditSql.COLUMNS + " FROM " + of + " ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(reader.row(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private String headHash() {
        List<ChainRow> rows = rows();
        return rows.get(rows.size() - 1).hash();
    }

    private void setHead(long sequence) {
        String hash = rows().stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow().hash();
        db.execute("UPDATE " + table + "_head SET head_seq = " + sequence + ", head_hash = '" + hash + "'");
    }

    /** Writes {@code row} straight into the table, as someone with database access but no log would. */
    private void insert(ChainRow row) {
        AuditTables raw = new AuditTables(db.dataSource(), new AuditSql(DatabaseProduct.detect(db.dataSource()), table));
        raw.withConnection("tamper with", c -> {
            raw.insert(c, List.of(row), 1);
            return null;
        });
    }
}
