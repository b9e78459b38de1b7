package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;

/**
 * Backups, cleanups and restores are journaled runs: a started record before any work, the operation's own closing
 * record carrying the same run id, and a failed record when the run fails before its engine recorded anything.
 */
class BackupJournalTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);

    private Backups backups(BlobStore store) {
        return Backups.builder(Fixtures.filledStore(), store, audit).withClock(clock).withKeys(Fixtures.ringA())
                .withSettings(BackupSettings.defaults()).build();
    }

    @Test
    void aBackupWhoseStoreFailsWhileListingFoldersIsStartedAndFailedOnRecord() {
        BlobStore unreachable = new Unreachable(blobs);

        assertThatThrownBy(() -> backups(unreachable).backup("ops")).isInstanceOf(StorageException.class);

        assertThat(audit.journal).extracting(AuditEvent::type).containsExactly(RunJournal.TYPE_RUN_STARTED);
        AuditEvent started = audit.journal.get(0);
        assertThat(started.details()).containsEntry(RunJournal.OPERATION, AuditEvent.TYPE_BACKUP);
        assertThat(audit.events).hasSize(1);
        AuditEvent failed = audit.last();
        assertThat(failed.type()).isEqualTo(AuditEvent.TYPE_BACKUP);
        assertThat(failed.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(failed.details()).containsEntry(RunJournal.RUN_ID, started.details().get(RunJournal.RUN_ID));
        assertThat(failed.details().get("error").toString()).contains("unreachable");
    }

    @Test
    void aBackupCleanupAndRestoreEachCloseTheirRun() {
        Backups backups = backups(blobs);
        BackupResult backup = backups.backup("ops");
        clock.advance(java.time.Duration.ofMinutes(5));
        backups.cleanup("ops");
        InMemoryDataStore target = Fixtures.emptyStore();
        RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), target);

        assertThat(restored.restored()).isTrue();
        List<AuditEvent> started = audit.journal.stream()
                .filter(e -> e.type().equals(RunJournal.TYPE_RUN_STARTED)).toList();
        assertThat(started).extracting(e -> e.details().get(RunJournal.OPERATION)).containsExactly(
                AuditEvent.TYPE_BACKUP, AuditEvent.TYPE_BACKUP_CLEANUP, AuditEvent.TYPE_DATA_IMPORT);
        assertThat(audit.events).extracting(AuditEvent::type).containsExactly(AuditEvent.TYPE_BACKUP,
                AuditEvent.TYPE_BACKUP_CLEANUP, AuditEvent.TYPE_DATA_IMPORT);
        for (int i = 0; i < 3; i++) {
            assertThat(audit.events.get(i).details())
                    .containsEntry(RunJournal.RUN_ID, started.get(i).details().get(RunJournal.RUN_ID));
        }
    }

    @Test
    void dryRunsAreNotJournaled() {
        Backups backups = backups(blobs);
        backups.backupDryRun("ops");
        backups.cleanupDryRun("ops");

        assertThat(audit.journal).isEmpty();
        assertThat(audit.events).hasSize(2);
    }

    /** A store that cannot be reached when folders are listed; every other call goes to the real store. */
    private record Unreachable(BlobStore store) implements BlobStore {
        @Override
        public BlobOutput put(String key) {
            return store.put(key);
        }

        @Override
        public InputStream get(String key) {
            return store.get(key);
        }

        @Override
        public boolean exists(String key) {
            return store.exists(key);
        }

        @Override
        public Stream<BlobInfo> list(String prefix) {
            throw new StorageException("the backup store is unreachable: connection refused");
        }

        @Override
        public List<DeleteFailure> delete(List<String> keys) {
            return store.delete(keys);
        }
    }
}
