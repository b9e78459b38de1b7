package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;

/** A backup reading tables in parallel over sibling views writes exactly what a backup over one view writes. */
class ParallelBackupTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryDataStore source = Fixtures.filledStore();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);

    private BackupResult backup(int parallelism) {
        return Backups.builder(source, blobs, audit).withClock(clock)
                .withSettings(BackupSettings.defaults().withEncrypted(false).withParallelism(parallelism))
                .build().backup();
    }

    @Test
    void parallelTablesWriteTheSameFilesRowsAndBytesAsOneConnection() {
        BackupResult serial = backup(1);
        BackupResult parallel = backup(3);

        assertThat(parallel.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(parallel.folder()).isNotEqualTo(serial.folder());
        assertThat(parallel.tables()).extracting(BackupResult.TableBackup::table)
                .containsExactlyElementsOf(serial.tables().stream().map(BackupResult.TableBackup::table).toList());
        Map<String, byte[]> files = blobs.snapshot();
        for (int i = 0; i < serial.tables().size(); i++) {
            BackupResult.TableBackup s = serial.tables().get(i);
            BackupResult.TableBackup p = parallel.tables().get(i);
            assertThat(p.rows()).as(s.table()).isEqualTo(s.rows());
            assertThat(p.storedBytes()).as(s.table()).isEqualTo(s.storedBytes());
            assertThat(files.get(p.objectKey())).as(s.table()).isEqualTo(files.get(s.objectKey()));
        }
        assertThat(parallel.rows()).isEqualTo(13);
        assertThat(audit.events).filteredOn(e -> e.type().equals(AuditEvent.TYPE_BACKUP))
                .extracting(e -> e.details().get("connections")).containsExactly(1, 3);
    }
}
