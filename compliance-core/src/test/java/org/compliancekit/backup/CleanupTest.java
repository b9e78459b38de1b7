package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;

class CleanupTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final InMemoryDataStore source = Fixtures.filledStore();

    @Test
    void deletesFoldersPastRetentionByFolderDate() {
        Backups backups = backups(3, 1);
        for (int day = 0; day < 6; day++) {
            backups.backup();
            clock.advance(Duration.ofDays(1));
        }
        clock.set("2026-03-06T12:00:00Z");

        CleanupResult result = backups.cleanup();

        assertThat(result.deletedFolders()).containsExactly("2026-03-01", "2026-03-02", "2026-03-03");
        assertThat(result.keptFolders()).containsExactly("2026-03-04", "2026-03-05", "2026-03-06");
        assertThat(result.failures()).isEmpty();
        assertThat(blobs.keys()).noneMatch(k -> k.contains("2026-03-03"));
        AuditEvent e = audit.last();
        assertThat(e.type()).isEqualTo(AuditEvent.TYPE_BACKUP_CLEANUP);
        assertThat(e.details()).containsEntry("deletedFolders", List.of("2026-03-01", "2026-03-02", "2026-03-03"));
    }

    @Test
    void safetyFloorKeepsTheNewestCompleteBackupsWhateverTheirAge() {
        Backups backups = backups(3, 2);
        backups.backup();
        clock.advance(Duration.ofDays(1));
        backups.backup();
        clock.advance(Duration.ofDays(1));
        backups.backup();
        clock.set("2026-04-01T00:00:00Z");

        CleanupResult result = backups.cleanup();

        assertThat(result.deletedFolders()).containsExactly("2026-03-01");
        assertThat(result.keptFolders()).containsExactly("2026-03-02", "2026-03-03");
        assertThat(backups.lastCompleted()).get().extracting(BackupInfo::folder).isEqualTo("2026-03-03");
    }

    @Test
    void partialBackupsDoNotCountTowardsTheSafetyFloor() {
        Backups backups = backups(3, 1);
        backups.backup();
        clock.advance(Duration.ofDays(1));
        writeManifestLike("2026-03-02", "partial");
        clock.set("2026-04-01T00:00:00Z");

        assertThat(backups.cleanup().deletedFolders()).containsExactly("2026-03-02");
        assertThat(blobs.keys()).anyMatch(k -> k.startsWith("backups/main/2026-03-01/"));
    }

    @Test
    void incompleteFoldersGoAfterTheGracePeriodAndAreNeverListedOrRestored() throws IOException {
        Backups backups = backups(30, 1);
        backups.backup();
        clock.advance(Duration.ofDays(1));
        write("backups/main/2026-03-02/users.json.enc"); // a crashed run: no manifest
        clock.advance(Duration.ofHours(1));
        write("backups/main/2026-03-02T030000Z/users.json.enc"); // a run still in progress

        assertThat(backups.listBackups()).extracting(BackupInfo::folder).containsExactly("2026-03-01");
        RestoreResult restored = backups.restore(RestoreRequest.latest(), Fixtures.emptyStore());
        assertThat(restored.folder()).contains("2026-03-01");
        assertThat(backups.restore(RestoreRequest.fromFolder("2026-03-02"), Fixtures.emptyStore()).error())
                .contains("no manifest");
        assertThat(backups.cleanup().deletedFolders()).isEmpty();

        clock.advance(Duration.ofHours(23).plusMinutes(30));
        CleanupResult result = backups.cleanup();

        assertThat(result.deletedFolders()).containsExactly("2026-03-02");
        assertThat(result.keptFolders()).containsExactly("2026-03-01", "2026-03-02T030000Z");
    }

    @Test
    void leavesObjectsItDidNotWriteAlone() throws IOException {
        write("backups/main/notes/readme.txt");
        write("backups/main/2026-02-30/x"); // not a real date
        clock.set("2027-01-01T00:00:00Z");

        backups(1, 1).cleanup();

        assertThat(blobs.keys()).containsExactly("backups/main/2026-02-30/x", "backups/main/notes/readme.txt");
    }

    @Test
    void rejectsABadFloorOrGrace() {
        assertThatThrownBy(() -> Backups.builder(source, blobs, audit).withSafetyFloor(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withSafetyFloor");
        assertThatThrownBy(() -> Backups.builder(source, blobs, audit).withIncompleteGrace(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withIncompleteGrace");
        assertThatThrownBy(() -> Backups.builder(source, blobs, audit).withSegmentSize(10).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("segment size");
    }

    private void writeManifestLike(String folder, String status) {
        byte[] m = blobs.snapshot().get("backups/main/2026-03-01/manifest.json");
        String copy = new String(m, java.nio.charset.StandardCharsets.UTF_8).replace("2026-03-01", folder)
                .replace("\"status\":\"completed\"", "\"status\":\"" + status + "\"");
        blobs.overwrite("backups/main/" + folder + "/manifest.json", copy.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void write(String key) throws IOException {
        try (BlobOutput out = blobs.put(key)) {
            out.write(new byte[] {1, 2, 3});
        }
    }

    private Backups backups(int retentionDays, int floor) {
        return Backups.builder(source, blobs, audit).withClock(clock).withKeys(Fixtures.ringA())
                .withSettings(BackupSettings.defaults().withRetention(Duration.ofDays(retentionDays)))
                .withSafetyFloor(floor).build();
    }
}
