package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;

class DryRunTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final InMemoryDataStore source = Fixtures.filledStore();

    Backups backups() {
        return Backups.builder(source, blobs, audit).withKeys(Fixtures.ringA()).withClock(clock)
                .withSettings(BackupSettings.defaults().withRetention(Duration.ofDays(3))).build();
    }

    @Test
    void aBackupDryRunNamesTablesAndFolderAndWritesNothing() {
        BackupResult result = backups().backupDryRun("admin-1");
        assertThat(result.dryRun()).isTrue();
        assertThat(result.folder()).isEqualTo("2026-03-01");
        assertThat(result.tables()).isNotEmpty().allSatisfy(t -> assertThat(t.rows()).isZero());
        assertThat(blobs.keys()).isEmpty();
        AuditEvent e = audit.last();
        assertThat(e.type()).isEqualTo(AuditEvent.TYPE_BACKUP);
        assertThat(e.dryRun()).isTrue();
        assertThat(e.actor()).isEqualTo("admin-1");
    }

    @Test
    void aCleanupDryRunNamesWhatWouldGoAndDeletesNothing() {
        Backups backups = backups();
        backups.backup();
        clock.advance(Duration.ofDays(5));
        backups.backup();
        int objects = blobs.keys().size();

        CleanupResult result = backups.cleanupDryRun("admin-2");

        assertThat(result.dryRun()).isTrue();
        assertThat(result.deletedFolders()).containsExactly("2026-03-01");
        assertThat(blobs.keys()).hasSize(objects);
        assertThat(audit.last().dryRun()).isTrue();
        assertThat(audit.last().actor()).isEqualTo("admin-2");
        assertThat(backups.cleanup().deletedFolders()).containsExactly("2026-03-01");
        assertThat(blobs.keys()).hasSizeLessThan(objects);
    }

    @Test
    void verifyRecordsWhatItFoundWithoutContent() {
        Backups backups = backups();
        BackupResult result = backups.backup();
        assertThat(backups.verify(result.folder(), "auditor-1").ok()).isTrue();
        assertThat(audit.last().type()).isEqualTo(AuditEvent.TYPE_BACKUP_VERIFY);
        assertThat(audit.last().actor()).isEqualTo("auditor-1");
        assertThat(audit.last().status()).isEqualTo(org.compliancekit.audit.AuditStatus.SUCCESS);

        String key = result.tables().get(0).objectKey();
        byte[] bytes = blobs.snapshot().get(key);
        bytes[bytes.length - 1] ^= 1;
        blobs.overwrite(key, bytes);
        assertThat(backups.verify(result.folder()).ok()).isFalse();
        assertThat(audit.last().status()).isEqualTo(org.compliancekit.audit.AuditStatus.FAILED);
        assertThat(audit.last().details().get("failedFiles")).asList().containsExactly(result.tables().get(0).table());
    }

    @Test
    void scheduledRunsRecordTheSystemActor() {
        backups().backup();
        assertThat(audit.last().actor()).isEqualTo(org.compliancekit.audit.AuditEvent.SYSTEM);
        assertThat(audit.last().dryRun()).isFalse();
    }
}
