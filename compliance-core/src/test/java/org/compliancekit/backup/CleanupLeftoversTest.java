package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.compliancekit.store.FileSystemBlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary files a killed backup leaves in a folder store: cleanup finds and removes them with their folder (or on
 * their own once past the grace period), reports each one, and a new backup never writes into a folder holding one.
 */
class CleanupLeftoversTest {
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(now.toString());
    final RecordingAuditLog audit = new RecordingAuditLog();
    @TempDir
    Path root;
    FileSystemBlobStore blobs;
    String today;
    String twoDaysAgo;

    @BeforeEach
    void setUp() {
        blobs = FileSystemBlobStore.at(root);
        today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        twoDaysAgo = LocalDate.ofInstant(now.minus(Duration.ofDays(2)), ZoneOffset.UTC).toString();
    }

    @Test
    void cleanupRemovesTheTemporaryFilesOfKilledBackupsAndSaysWhichItRemoved() throws IOException {
        Backups backups = backups();
        String folder = backups.backup().folder();
        String killed = temp(twoDaysAgo, "users.json.enc", now.minus(Duration.ofDays(2)));
        String staleInKept = temp(folder, "orders.json.enc", now.minus(Duration.ofDays(2)));
        String fresh = temp(folder, "notes.json.enc", now);

        CleanupResult result = backups.cleanup();

        assertThat(result.deletedFolders()).containsExactly(twoDaysAgo);
        assertThat(result.keptFolders()).containsExactly(folder);
        assertThat(result.deletedUnfinished()).containsExactlyInAnyOrder(killed, staleInKept);
        assertThat(result.failures()).isEmpty();
        assertThat(root.resolve(killed)).doesNotExist();
        assertThat(root.resolve("backups/main/" + twoDaysAgo)).doesNotExist();
        assertThat(root.resolve(staleInKept)).doesNotExist();
        assertThat(root.resolve(fresh)).exists();
        assertThat(audit.last().details()).containsEntry("deletedUnfinished", List.of(killed, staleInKept))
                .containsEntry("deletedFolders", List.of(twoDaysAgo));
        assertThat(backups.verify(folder).ok()).isTrue();
    }

    @Test
    void aDryRunReportsTheTemporaryFilesAndLeavesThem() throws IOException {
        String killed = temp(twoDaysAgo, "users.json.enc", now.minus(Duration.ofDays(2)));

        CleanupResult result = backups().cleanupDryRun("admin");

        assertThat(result.deletedFolders()).containsExactly(twoDaysAgo);
        assertThat(result.deletedUnfinished()).containsExactly(killed);
        assertThat(root.resolve(killed)).exists();
    }

    @Test
    void aBackupNeverWritesIntoAFolderHoldingOnlyATemporaryFile() throws IOException {
        temp(today, "users.json.enc", now);

        BackupResult result = backups().backup();

        assertThat(result.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(result.folder()).startsWith(today + "T").isNotEqualTo(today);
    }

    /** A temporary file as a killed write leaves it, modified at {@code at}; returns its key. */
    private String temp(String folder, String object, Instant at) throws IOException {
        String key = "backups/main/" + folder + "/." + object + ".0b5c2d4e-killed.cktmp";
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {9, 9, 9});
        Files.setLastModifiedTime(file, FileTime.from(at));
        return key;
    }

    private Backups backups() {
        return Backups.builder(Fixtures.filledStore(), blobs, audit).withClock(clock).withKeys(Fixtures.ringA())
                .withSettings(BackupSettings.defaults().withRetention(Duration.ofDays(30))).build();
    }
}
