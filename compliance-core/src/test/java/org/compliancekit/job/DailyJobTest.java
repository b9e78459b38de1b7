package org.compliancekit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.compliancekit.ComplianceException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.CheckpointSigner;

import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionPresets;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DailyJobTest {
    static final TableSchema CONTACTS = new TableSchema("contacts", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.text("email", 255, true),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());
    static final PiiMap MAP = PiiMap.builder()
            .table("contacts", t -> t.subjectEmail("email").deleteRow().field("email", Strategy.nulled())).build();
    static final List<RetentionRule> RULES = List.of(RetentionPresets.contacts("contacts", "created_at"));
    static final String KEY = "BJ0Z8oFYPCthKY437TI5LQ9UNNeVW++QnIFnX1SdOLA="; // any random 32 bytes

    final InMemoryJobLockTest.MutableClock clock = new InMemoryJobLockTest.MutableClock();
    InMemoryDataStore store;
    InMemoryBlobStore blobs;
    InMemoryAuditLog audit;
    InMemoryJobLock lock;

    @BeforeEach
    void setUp() {
        store = InMemoryDataStore.of(CONTACTS);
        blobs = new InMemoryBlobStore(clock);
        audit = InMemoryAuditLog.builder(clock).withSigner(CheckpointSigner.generate("audit")).build();
        lock = new InMemoryJobLock(clock);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        store.insert("contacts", Map.of("id", 1L, "email", "old@example.com", "created_at", now.minusDays(100)));
        store.insert("contacts", Map.of("id", 2L, "email", "new@example.com", "created_at", now.minusDays(10)));
    }

    Backups backups(BackupSettings settings, KeyRing keys) {
        return Backups.builder(store, blobs, audit).withKeys(keys).withClock(clock).withSettings(settings).build();
    }

    DailyJob job(Duration backupCadence, JobSettings settings, KeyRing keys) {
        RetentionEngine engine = RetentionEngine.builder(store, MAP, audit).withClock(clock).withRules(RULES).build();
        return DailyJob.builder(lock, audit).withClock(clock).withSettings(settings)
                .withBackups(backups(BackupSettings.defaults().withEnabled(true).withCadence(backupCadence), keys))
                .withRetention(engine).build();
    }

    DailyJob job() {
        return job(Duration.ofHours(24), JobSettings.defaults(), KeyRing.single("k1", KEY));
    }

    /** The steps' outcome records, oldest first; the run journal's records are left out. */
    List<AuditEvent> events() {
        List<AuditEvent> out = new ArrayList<>(audit.query(AuditQuery.all().withLimit(1000)).stream()
                .map(AuditRecord::event).filter(e -> !e.type().startsWith("run_")).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void backupRunsBeforeDeletionAndHoldsTheRowsDeletionRemoves() {
        JobReport report = job().run();

        assertThat(report.locked()).isFalse();
        assertThat(report.backup().state()).isEqualTo(StepState.RAN);
        assertThat(report.cleanup().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().result().totalAffected()).isEqualTo(1);
        assertThat(events()).extracting(AuditEvent::type).containsExactly(
                AuditEvent.TYPE_BACKUP, AuditEvent.TYPE_BACKUP_CLEANUP, AuditEvent.TYPE_PII_DELETION);
        assertThat(events()).allSatisfy(e -> assertThat(e.actor()).isEqualTo(AuditEvent.SYSTEM));
        assertThat(store.count("contacts")).isEqualTo(1);

        // The backup taken first still holds the deleted row: the recovery window exists.
        InMemoryDataStore drill = InMemoryDataStore.of(CONTACTS);
        backups(BackupSettings.defaults(), KeyRing.single("k1", KEY)).restore(RestoreRequest.latest(), drill);
        assertThat(drill.count("contacts")).isEqualTo(2);
    }

    @Test
    void auditRetentionPrunesOnItsOwnCadenceIsAuditedAndReported() {
        RetentionEngine engine = RetentionEngine.builder(store, MAP, audit).withClock(clock).withRules(RULES).build();
        java.util.function.Supplier<DailyJob> withAuditRetention = () -> DailyJob.builder(lock, audit)
                .withClock(clock).withRetention(engine)
                .withAuditRetention(Duration.ofDays(30), Duration.ofDays(7)).build();
        JobReport first = withAuditRetention.get().run();
        assertThat(first.auditRetention().state()).isEqualTo(StepState.RAN);
        assertThat(first.auditRetention().result().deletedRecords()).isZero();

        clock.now.set(clock.instant().plus(Duration.ofDays(40)));
        JobReport later = withAuditRetention.get().run();
        assertThat(later.auditRetention().state()).isEqualTo(StepState.RAN);
        PruneResult pruned = later.auditRetention().result();
        assertThat(pruned.deletedRecords()).isPositive();
        assertThat(pruned.pruneRecord()).isPresent();
        assertThat(audit.verify().valid()).isTrue();

        clock.now.set(clock.instant().plus(Duration.ofDays(1)));
        JobReport nextDay = withAuditRetention.get().run();
        assertThat(nextDay.auditRetention().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(nextDay.auditRetention().reason()).contains("cadence PT168H");

        assertThat(job().run().auditRetention().state()).isEqualTo(StepState.DISABLED);
    }

    @Test
    void theJobRecordsABackupAndADeletionThatNeverFinishedBeforeItsSteps() {
        RunJournal journal = RunJournal.of(audit, clock);
        RunJournal.Run backup = journal.start(AuditEvent.TYPE_BACKUP, "cli:ops", "backup main started", Map.of());
        RunJournal.Run deletion = journal.start(AuditEvent.TYPE_PII_DELETION, "cli:ops", "started", Map.of());
        deletion.step(1_234, Map.of("rule", "contacts"));
        RunJournal.Run export = journal.start(AuditEvent.TYPE_DATA_EXPORT, "support", "export started", Map.of());

        job().run();

        List<AuditRecord> interrupted = audit.query(AuditQuery.all().withTypes(RunJournal.TYPE_RUN_INTERRUPTED));
        assertThat(interrupted).extracting(r -> r.event().details().get(RunJournal.RUN_ID))
                .containsExactlyInAnyOrder(backup.id(), deletion.id());
        assertThat(interrupted).filteredOn(r -> deletion.id().equals(r.event().details().get(RunJournal.RUN_ID)))
                .singleElement().satisfies(r -> assertThat(((Number) r.event().details()
                        .get(RunJournal.COMMITTED_ROWS)).longValue()).isEqualTo(1_234));
        // A subject request runs outside the job lock: it may still be running until it has been quiet an hour.
        assertThat(interrupted).noneMatch(r -> export.id().equals(r.event().details().get(RunJournal.RUN_ID)));

        clock.now.set(clock.instant().plus(Duration.ofHours(2)));
        job().run();
        assertThat(audit.query(AuditQuery.all().withTypes(RunJournal.TYPE_RUN_INTERRUPTED)))
                .extracting(r -> r.event().details().get(RunJournal.RUN_ID)).contains(export.id()).hasSize(3);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void aFailedAuditRetentionIsOnRecord() {
        InMemoryAuditLog unsigned = InMemoryAuditLog.builder(clock).build();
        unsigned.append(new AuditEvent("backup", AuditStatus.COMPLETED, null, "old", Map.of(), Duration.ZERO, false));
        clock.now.set(clock.instant().plus(Duration.ofDays(40)));
        JobReport report = DailyJob.builder(lock, unsigned).withClock(clock)
                .withAuditRetention(Duration.ofDays(30), Duration.ofDays(1)).build().run();
        assertThat(report.auditRetention().state()).isEqualTo(StepState.FAILED);
        AuditEvent last = unsigned.query(AuditQuery.all().withLimit(1)).get(0).event();
        assertThat(last.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(last.details()).containsEntry("action", "audit_prune");
    }

    @Test
    void aBackupThatFailsBeforeRecordingAnythingIsStillOnRecord() {
        BlobStore unreachable = new BlobStore() {
            @Override
            public BlobOutput put(String key) {
                throw new StorageException("backup store unreachable");
            }

            @Override
            public java.io.InputStream get(String key) {
                throw new StorageException("backup store unreachable");
            }

            @Override
            public boolean exists(String key) {
                throw new StorageException("backup store unreachable");
            }

            @Override
            public java.util.stream.Stream<BlobInfo> list(String prefix) {
                throw new StorageException("backup store unreachable");
            }

            @Override
            public List<DeleteFailure> delete(List<String> keys) {
                throw new StorageException("backup store unreachable");
            }
        };
        Backups failing = Backups.builder(store, unreachable, audit).withClock(clock)
                .withSettings(BackupSettings.defaults().withEnabled(true)).build();
        JobReport report = DailyJob.builder(lock, audit).withClock(clock).withBackups(failing).build().run();

        assertThat(report.backup().state()).isEqualTo(StepState.FAILED);
        AuditEvent recorded = audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_BACKUP)).get(0).event();
        assertThat(recorded.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(recorded.details()).containsEntry("reason", "backup store unreachable");
    }

    @Test
    void eachStepThatRanEndsWithACheckpointCoveringItsRecords() {
        job().run();
        // The backup's own checkpoint (taken before its record), then one after each of backup, cleanup, deletion.
        assertThat(audit.verify().checkpointsChecked()).isEqualTo(4);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void dailyCadenceRunsEveryDayEvenALittleEarlierThanYesterday() {
        job().run();
        clock.now.set(clock.instant().plus(Duration.ofHours(24)).minusSeconds(30));
        JobReport next = job().run();
        assertThat(next.backup().state()).isEqualTo(StepState.RAN);
        assertThat(next.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(next.piiDeletion().result().totalAffected()).isZero();
    }

    @Test
    void weeklyBackupsWaitSevenDaysWhileDeletionStaysDaily() {
        job(Duration.ofHours(168), JobSettings.defaults(), KeyRing.single("k1", KEY)).run();
        for (int day = 1; day <= 6; day++) {
            clock.now.set(clock.instant().plus(Duration.ofDays(1)));
            JobReport r = job(Duration.ofHours(168), JobSettings.defaults(), KeyRing.single("k1", KEY)).run();
            assertThat(r.backup().state()).as("day " + day).isEqualTo(StepState.NOT_DUE);
            assertThat(r.cleanup().state()).isEqualTo(StepState.SKIPPED);
            assertThat(r.piiDeletion().state()).as("day " + day).isEqualTo(StepState.RAN);
        }
        clock.now.set(clock.instant().plus(Duration.ofDays(1)));
        assertThat(job(Duration.ofHours(168), JobSettings.defaults(), KeyRing.single("k1", KEY)).run().backup().state())
                .isEqualTo(StepState.RAN);
    }

    @Test
    void aRestartTheSameDayNeitherRerunsNorSkips() {
        job().run();
        clock.now.set(clock.instant().plus(Duration.ofHours(2)));
        JobReport again = job().run(); // a new instance: nothing in memory carries over
        assertThat(again.backup().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(again.piiDeletion().state()).isEqualTo(StepState.NOT_DUE);
        assertThat(events()).hasSize(3);
    }

    @Test
    void aFailedBackupHoldsDeletionBackAndTheSkipIsAudited() {
        JobReport report = job(Duration.ofHours(24), JobSettings.defaults(), KeyRing.empty()).run();

        assertThat(report.backup().state()).isEqualTo(StepState.FAILED);
        assertThat(report.backup().reason()).contains("no key");
        assertThat(report.cleanup().state()).isEqualTo(StepState.SKIPPED);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.SKIPPED);
        assertThat(store.count("contacts")).isEqualTo(2);
        AuditEvent skip = events().get(events().size() - 1);
        assertThat(skip.type()).isEqualTo(AuditEvent.TYPE_PII_DELETION);
        assertThat(skip.status()).isEqualTo(AuditStatus.FAILED);
        assertThat((String) skip.details().get("reason")).contains("backup failed");
        // The skip is no successful run: the next run still finds deletion due.
        assertThat(job().lastPiiDeletion()).isEmpty();
    }

    @Test
    void deletionCanBeToldToGoAheadAfterAFailedBackup() {
        JobReport report = job(Duration.ofHours(24), JobSettings.defaults().withSkipDeletionWhenBackupFails(false),
                KeyRing.empty()).run();
        assertThat(report.backup().state()).isEqualTo(StepState.FAILED);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(store.count("contacts")).isEqualTo(1);
    }

    @Test
    void anInstanceThatFindsTheLockHeldDoesAndRecordsNothing() {
        JobLock.Held other = lock.tryLock(JobSettings.defaults().lockName(), Duration.ofHours(1)).orElseThrow();
        JobReport report = job().run();
        assertThat(report.locked()).isTrue();
        assertThat(events()).isEmpty();
        assertThat(blobs.keys()).isEmpty();
        assertThat(store.count("contacts")).isEqualTo(2);
        assertThatThrownBy(() -> job().piiDeletion("admin")).isInstanceOf(ComplianceException.class)
                .hasMessageContaining("lock");
        other.close();
    }

    @Test
    void twoInstancesRacingRunTheJobOnce() throws Exception {
        int instances = 2;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<JobReport>> reports = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                DailyJob job = job();
                reports.add(pool.submit(() -> {
                    start.await();
                    return job.run();
                }));
            }
            long ran = 0;
            for (Future<JobReport> f : reports) {
                ran += f.get().locked() ? 0 : 1;
            }
            assertThat(ran).isEqualTo(1);
            assertThat(events()).extracting(AuditEvent::type).filteredOn(AuditEvent.TYPE_BACKUP::equals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manualTriggersRecordTheAdminAndDryRunsChangeNothing() {
        DailyJob job = job();
        assertThat(job.backupDryRun("admin-1").dryRun()).isTrue();
        assertThat(job.piiDeletionDryRun("admin-1").totalMatching()).isEqualTo(1);
        assertThat(store.count("contacts")).isEqualTo(2);
        assertThat(blobs.keys()).isEmpty();
        RetentionResult result = job.piiDeletion("admin-2");
        assertThat(result.totalAffected()).isEqualTo(1);
        assertThat(events()).extracting(AuditEvent::actor, AuditEvent::dryRun).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin-1", true),
                org.assertj.core.groups.Tuple.tuple("admin-1", true),
                org.assertj.core.groups.Tuple.tuple("admin-2", false));
        // A manual execute counts as the day's deletion for the cadence.
        assertThat(job.lastPiiDeletion()).contains(clock.instant());
        assertThat(job.run().piiDeletion().state()).isEqualTo(StepState.NOT_DUE);
    }

    @Test
    void withBackupsDisabledDeletionStillRuns() {
        RetentionEngine engine = RetentionEngine.builder(store, MAP, audit).withClock(clock).withRules(RULES).build();
        DailyJob job = DailyJob.builder(lock, audit).withClock(clock)
                .withBackups(backups(BackupSettings.defaults(), KeyRing.empty()))
                .withRetention(engine).build();
        JobReport r = job.run();
        assertThat(r.backup().state()).isEqualTo(StepState.DISABLED);
        assertThat(r.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(job.lastBackup()).isEmpty();
    }
}
