package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.q;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.TableFailure;
import org.compliancekit.backup.VerifyResult;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.InMemoryBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables backed up in parallel over several connections: on PostgreSQL all on one exported snapshot, with the same
 * files as one connection writes, and a table that fails is named and leaves no complete backup; MariaDB and H2
 * share no snapshot, so they read over one connection whatever the setting.
 */
class ParallelBackupTest {
    private static final List<String> TABLES = List.of("t1", "t2", "t3", "t4");
    private static final int ROWS = 3_000;
    private static final BackupSettings PLAIN = BackupSettings.defaults().withEncrypted(false);

    private static TestDatabase.Fresh database(TestDatabase kind) {
        TestDatabase.Fresh db = kind.fresh();
        for (String t : TABLES) {
            String table = q(kind, t);
            db.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, label VARCHAR(40), amount DECIMAL(12,2))");
            db.execute(switch (kind) {
                case POSTGRES -> "INSERT INTO " + table + " SELECT g, 'row ' || g, g / 100.0 FROM generate_series(1, "
                        + ROWS + ") g";
                case H2 -> "INSERT INTO " + table + " SELECT X, CONCAT('row ', X), X / 100.0 FROM SYSTEM_RANGE(1, "
                        + ROWS + ")";
                case MARIADB -> "INSERT INTO " + table + " SELECT seq, CONCAT('row ', seq), seq / 100.0 FROM seq_1_to_"
                        + ROWS;
            });
        }
        return db;
    }

    @Test
    void everyTableSeesTheOneSnapshotThoughChangesCommitBetweenWorkerStarts() {
        try (TestDatabase.Fresh db = database(TestDatabase.POSTGRES)) {
            AtomicInteger commits = new AtomicInteger();
            CyclicBarrier allReading = new CyclicBarrier(TABLES.size());
            HookedStore store = new HookedStore(BackupHarness.store(db))
                    .beforeSibling(() -> {
                        // committed after the backup's snapshot was taken and before the next worker's view opens
                        int n = ROWS + commits.incrementAndGet();
                        for (String t : TABLES) {
                            db.execute("INSERT INTO " + t + " VALUES (" + n + ", 'late', 0)");
                        }
                    })
                    .beforeScan(() -> await(allReading)); // so that each worker reads exactly one table

            BackupResult result = new BackupHarness().backups(store, PLAIN.withParallelism(4)).backup();

            assertThat(result.status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(store.siblings).as("views opened besides the first").hasValue(3);
            assertThat(Set.copyOf(store.readBy.values())).as("each table read over its own connection")
                    .containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(result.tables()).extracting(BackupResult.TableBackup::table).containsExactlyElementsOf(TABLES);
            assertThat(result.tables()).allSatisfy(t -> assertThat(t.rows()).as(t.table()).isEqualTo(ROWS));
            // the changes did commit: a backup now sees them
            BackupResult after = new BackupHarness().backups(BackupHarness.store(db), PLAIN.withParallelism(1)).backup();
            assertThat(after.tables()).allSatisfy(t -> assertThat(t.rows()).as(t.table()).isEqualTo(ROWS + 3));
        }
    }

    @Test
    void parallelTablesWriteTheSameFilesRowsAndBytesAsOneConnection() {
        try (TestDatabase.Fresh db = database(TestDatabase.POSTGRES)) {
            BackupHarness h = new BackupHarness();
            BackupResult serial = h.backups(BackupHarness.store(db), PLAIN.withParallelism(1)).backup();
            BackupResult parallel = h.backups(BackupHarness.store(db), PLAIN.withParallelism(4)).backup();
            KeyRing keys = KeyRing.single("k", java.util.Base64.getEncoder().encodeToString(new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                    28, 29, 30, 31, 32}));
            BackupResult sealedSerial = backupsWithKeys(h, db, keys, 1);
            BackupResult sealedParallel = backupsWithKeys(h, db, keys, 4);

            assertThat(parallel.status()).isEqualTo(BackupStatus.COMPLETED);
            Map<String, byte[]> files = ((InMemoryBlobStore) h.blobs()).snapshot();
            for (int i = 0; i < TABLES.size(); i++) {
                BackupResult.TableBackup s = serial.tables().get(i);
                BackupResult.TableBackup p = parallel.tables().get(i);
                assertThat(p.table()).isEqualTo(s.table());
                assertThat(p.rows()).as(s.table()).isEqualTo(ROWS).isEqualTo(s.rows());
                assertThat(files.get(p.objectKey())).as(s.table()).isEqualTo(files.get(s.objectKey()));
                assertThat(sealedParallel.tables().get(i).storedBytes()).as(s.table())
                        .isEqualTo(sealedSerial.tables().get(i).storedBytes());
            }
            assertThat(parallel.storedBytes()).isEqualTo(serial.storedBytes());
        }
    }

    private static BackupResult backupsWithKeys(BackupHarness h, TestDatabase.Fresh db, KeyRing keys, int parallelism) {
        return Backups.builder(BackupHarness.store(db), h.blobs(),
                        org.compliancekit.audit.InMemoryAuditLog.builder(java.time.Clock.systemUTC()).build())
                .withKeys(keys).withSettings(BackupSettings.defaults().withParallelism(parallelism)).build().backup();
    }

    @Test
    void aTableFailingInOneWorkerIsNamedAndTheBackupIsNeverMarkedComplete() {
        try (TestDatabase.Fresh db = database(TestDatabase.POSTGRES)) {
            HookedStore store = new HookedStore(BackupHarness.store(db)).breaking("t3", 1_000);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(store, PLAIN.withParallelism(4));

            BackupResult result = backups.backup();

            assertThat(store.siblings).hasPositiveValue();
            assertThat(result.status()).isEqualTo(BackupStatus.PARTIAL);
            assertThat(result.failures()).extracting(TableFailure::table).containsExactly("t3");
            assertThat(result.failures().get(0).error()).contains("t3").contains("connection was lost");
            assertThat(result.tables()).extracting(BackupResult.TableBackup::table).containsExactly("t1", "t2", "t4");
            assertThat(result.tables()).allSatisfy(t -> assertThat(t.rows()).isEqualTo(ROWS));
            assertThat(((InMemoryBlobStore) h.blobs()).keys()).as("no file of the failed table is left")
                    .noneMatch(k -> k.contains("/t3."));
            assertThat(backups.lastCompleted()).isEmpty();
            VerifyResult verified = backups.verify(result.folder());
            assertThat(verified.ok()).isFalse();
            assertThat(verified.partial()).isTrue();
            assertThat(verified.missingTables()).extracting(TableFailure::table).containsExactly("t3");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "H2"})
    void withoutASharedSnapshotEveryTableIsReadOverTheOneConnection(TestDatabase kind) {
        try (TestDatabase.Fresh db = database(kind)) {
            HookedStore store = new HookedStore(BackupHarness.store(db));

            BackupResult result = new BackupHarness().backups(store, PLAIN.withParallelism(4)).backup();

            assertThat(result.status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(store.siblings).hasValue(0);
            assertThat(Set.copyOf(store.readBy.values())).containsExactly(0);
            assertThat(result.tables()).allSatisfy(t -> assertThat(t.rows()).isEqualTo(ROWS));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            // a generous bound, only so that a broken implementation fails instead of hanging the build
            barrier.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the workers did not all start reading", e);
        }
    }
}
