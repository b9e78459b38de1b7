package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRoundTripTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryDataStore source = Fixtures.filledStore();

    @Test
    void encryptedBackupRestoresEveryTypeExactly() {
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
        Backups backups = builder(source, blobs).withKeys(Fixtures.ringA()).build();

        BackupResult result = backups.backup();

        assertThat(result.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(result.folder()).isEqualTo("2026-03-01");
        assertThat(result.rows()).isEqualTo(13);
        assertThat(blobs.keys()).containsExactly("backups/main/2026-03-01/everything.json.zst.enc",
                "backups/main/2026-03-01/manifest.json", "backups/main/2026-03-01/orders.json.zst.enc",
                "backups/main/2026-03-01/users.json.zst.enc");
        assertThat(new String(blobs.snapshot().get("backups/main/2026-03-01/users.json.zst.enc"),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("example.com");

        InMemoryDataStore target = Fixtures.emptyStore();
        RestoreResult restored = backups.restore(RestoreRequest.latest(), target);

        assertThat(restored.error()).isNull();
        assertThat(restored.restored()).isTrue();
        assertThat(restored.rows()).containsExactly(Map.entry("everything", 3L), Map.entry("users", 5L),
                Map.entry("orders", 5L));
        Fixtures.assertSameRows(source, target);
    }

    @Test
    void plainBackupToTheFileSystemIsReadableJsonAndRestores(@TempDir Path root) throws IOException {
        Backups backups = builder(source, FileSystemBlobStore.at(root))
                .withSettings(BackupSettings.defaults().withEncrypted(false).withCompression(BackupCompression.NONE))
                .build();

        BackupResult result = backups.backup();

        Path folder = root.resolve("backups/main/2026-03-01");
        assertThat(folder.resolve("users.json")).exists();
        JsonNode users = new ObjectMapper().readTree(folder.resolve("users.json").toFile());
        assertThat(users.get("columns")).hasToString("[\"id\",\"email\"]");
        assertThat(users.get("rows").get(0)).hasToString("[1,\"user1@example.com\"]");
        assertThat(users.get("rowCount").asLong()).isEqualTo(5);
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("completed");
        assertThat(manifest.get("encryption").isNull()).isTrue();
        assertThat(manifest.has("mac")).isFalse();
        assertThat(result.storedBytes()).isEqualTo(Files.size(folder.resolve("users.json"))
                + Files.size(folder.resolve("orders.json")) + Files.size(folder.resolve("everything.json")));

        InMemoryDataStore target = Fixtures.emptyStore();
        RestoreResult restored = backups.restore(RestoreRequest.latest(), target);
        assertThat(restored.error()).isNull();
        assertThat(restored.restored()).isTrue();
        Fixtures.assertSameRows(source, target);
    }

    @Test
    void compressedFilesAreZstdFramesOfTheJsonAndMuchSmaller(@TempDir Path root) throws IOException {
        InMemoryDataStore big = Fixtures.emptyStore();
        for (int i = 1; i <= 20_000; i++) {
            big.insert("users", Map.of("id", i, "email", "user" + i + "@example.com"));
        }
        Backups plain = builder(big, FileSystemBlobStore.at(root.resolve("plain")))
                .withSettings(BackupSettings.defaults().withEncrypted(false).withCompression(BackupCompression.NONE))
                .build();
        Backups zstd = builder(big, FileSystemBlobStore.at(root.resolve("zstd")))
                .withSettings(BackupSettings.defaults().withEncrypted(false)).build();

        long plainBytes = plain.backup().storedBytes();
        long zstdBytes = zstd.backup().storedBytes();

        Path json = root.resolve("plain/backups/main/2026-03-01/users.json");
        Path zst = root.resolve("zstd/backups/main/2026-03-01/users.json.zst");
        assertThat(zstdBytes).isLessThan(plainBytes / 3);
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(zst))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(json));
        }
        assertThat(zstd.verify("2026-03-01").ok()).isTrue();
        InMemoryDataStore target = Fixtures.emptyStore();
        assertThat(zstd.restore(RestoreRequest.latest(), target).restored()).isTrue();
        Fixtures.assertSameRows(big, target);
    }

    /**
     * A backup written before compression existed: manifest format 1 without a {@code compression} member, files
     * named {@code .json.enc}. It verifies and restores unchanged.
     */
    @Test
    void formatOneBackupsStillVerifyAndRestore() throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
        Backups backups = builder(source, blobs).withKeys(Fixtures.ringA())
                .withSettings(BackupSettings.defaults().withCompression(BackupCompression.NONE)).build();
        backups.backup();
        String key = "backups/main/2026-03-01/manifest.json";
        Manifest m = ManifestCodec.read(blobs.snapshot().get(key), Fixtures.ringA(), key).manifest();
        Manifest formatOne = new Manifest(1, m.name(), m.folder(), m.createdAt(), m.libraryVersion(), m.status(),
                m.encryption(), m.files(), m.excludedTables(), m.failedTables(), m.auditCheckpoint(), null, null);
        byte[] file = ManifestCodec.write(formatOne, Fixtures.ringA());
        assertThat(new String(file, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"format\":1,")
                .doesNotContain("compression");
        var out = blobs.put(key);
        out.write(file);
        out.close();

        assertThat(backups.verify("2026-03-01").ok()).isTrue();
        InMemoryDataStore target = Fixtures.emptyStore();
        RestoreResult restored = backups.restore(RestoreRequest.latest(), target);
        assertThat(restored.error()).isNull();
        Fixtures.assertSameRows(source, target);
    }

    @Test
    void manifestRecordsSchemaChecksumsCheckpointAndExclusions() throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
        builder(source, blobs).withKeys(Fixtures.ringA())
                .withSettings(BackupSettings.defaults().withExcludeTables(java.util.Set.of("orders"))).build()
                .backup();

        JsonNode m = new ObjectMapper().readTree(blobs.snapshot().get("backups/main/2026-03-01/manifest.json"));
        assertThat(m.get("format").asInt()).isEqualTo(3);
        assertThat(m.get("compression").asText()).isEqualTo("zstd");
        assertThat(m.get("name").asText()).isEqualTo("main");
        assertThat(m.get("createdAt").asText()).isEqualTo("2026-03-01T02:00:00Z");
        assertThat(m.get("libraryVersion").asText()).isNotBlank();
        assertThat(m.get("excludedTables")).hasToString("[\"orders\"]");
        assertThat(m.get("failedTables")).isEmpty();
        assertThat(m.get("auditCheckpoint").get("keyId").asText()).isEqualTo("audit-1");
        assertThat(m.get("mac").get("keyId").asText()).isEqualTo("a");
        JsonNode everything = m.get("files").get(0);
        assertThat(everything.get("table").asText()).isEqualTo("everything");
        assertThat(everything.get("keyId").asText()).isEqualTo("a");
        assertThat(everything.get("rows").asLong()).isEqualTo(3);
        assertThat(everything.get("storedSha256").asText()).hasSize(64)
                .isNotEqualTo(everything.get("plaintextSha256").asText());
        assertThat(everything.get("primaryKey")).hasToString("[\"id\"]");
        JsonNode money = everything.get("columns").get(3);
        assertThat(money.get("name").asText()).isEqualTo("money");
        assertThat(money.get("type").asText()).isEqualTo("DECIMAL");
        assertThat(money.get("nativeType").asText()).isEqualTo("numeric(38,10)");
        assertThat(money.get("scale").asInt()).isEqualTo(10);
    }

    @Test
    void backupRecordsOneAuditEventWithCounts() {
        builder(source, new InMemoryBlobStore(clock)).withKeys(Fixtures.ringA()).build().backup();

        assertThat(audit.events).hasSize(1);
        AuditEvent e = audit.last();
        assertThat(e.type()).isEqualTo(AuditEvent.TYPE_BACKUP);
        assertThat(e.status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(e.details()).containsEntry("folder", "2026-03-01").containsEntry("rows", 13L)
                .containsEntry("tables", List.of("everything", "orders", "users"))
                .containsEntry("failedTables", List.of());
        assertThat((Long) e.details().get("bytes")).isPositive();
        assertThat(e.summary()).doesNotContain("example.com");
    }

    @Test
    void secondBackupOnADateGoesToATimeQualifiedFolderAndNeverOverwrites() {
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
        Backups backups = builder(source, blobs).withKeys(Fixtures.ringA()).build();
        backups.backup();
        byte[] first = blobs.snapshot().get("backups/main/2026-03-01/manifest.json");
        clock.advance(Duration.ofHours(6).plusSeconds(15));
        BackupResult second = backups.backup();
        BackupResult third = backups.backup();

        assertThat(second.folder()).isEqualTo("2026-03-01T080015Z");
        assertThat(third.folder()).isEqualTo("2026-03-01T080015Z-2");
        assertThat(blobs.snapshot().get("backups/main/2026-03-01/manifest.json")).isEqualTo(first);
        assertThat(backups.listBackups()).extracting(BackupInfo::folder)
                .containsExactly("2026-03-01", "2026-03-01T080015Z", "2026-03-01T080015Z-2");
        assertThat(backups.lastCompleted()).get().extracting(BackupInfo::folder).isEqualTo("2026-03-01T080015Z-2");
        assertThat(backups.verify(java.time.LocalDate.parse("2026-03-01")).folder()).isEqualTo("2026-03-01T080015Z-2");
    }

    @Test
    void tableNamesAreSafeFileNames() {
        assertThat(Layout.fileName("users")).isEqualTo("users");
        assertThat(Layout.fileName("public.users")).isEqualTo("public.users");
        assertThat(Layout.fileName("a/b c")).isEqualTo("a%2Fb%20c");
        assertThat(Layout.fileName(".hidden")).isEqualTo("%2Ehidden");
        assertThat(Layout.fileName("manifest")).isEqualTo("%6Danifest");
        assertThat(Layout.fileName("ü")).isEqualTo("%C3%BC");
        // Names that differ only in case get names that differ even ignoring case.
        assertThat(Layout.fileName("Dup")).isEqualTo("%44up");
        assertThat(Layout.fileName("dup")).isEqualTo("dup");
        assertThat(Layout.fileName("MANIFEST")).isEqualTo("%4D%41%4E%49%46%45%53%54");
        assertThat(Layout.fileName("Manifest")).isEqualTo("%4Danifest");
        assertThat(Layout.fileName("%44up")).isEqualTo("%2544up");
    }

    private Backups.Builder builder(InMemoryDataStore store, org.compliancekit.store.BlobStore blobs) {
        return Backups.builder(store, blobs, audit).withClock(clock).withSegmentSize(1024);
    }
}
