package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.compliancekit.IntegrityException;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableId;
import org.junit.jupiter.api.Test;

/**
 * The manifest and snapshot format versions: a reader refuses a newer format with a message saying to upgrade,
 * and reads every older one.
 */
class FormatVersionsTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryDataStore source = Fixtures.filledStore();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final Backups backups = Backups.builder(source, blobs, audit).withClock(clock)
            .withSettings(BackupSettings.defaults().withEncrypted(false).withCompression(BackupCompression.NONE))
            .build();

    @Test
    void newBackupsAreManifestFormatThreeWithSnapshotFormatTwo() {
        backups.backup();

        String manifest = text("backups/main/2026-03-01/manifest.json");
        assertThat(manifest).startsWith("{\"format\":3,");
        assertThat(text("backups/main/2026-03-01/users.json")).startsWith("{\"format\":2,\"table\":\"users\"");
    }

    @Test
    void aManifestOfANewerFormatIsRefusedWithAnUpgradeMessage() {
        backups.backup();
        String key = "backups/main/2026-03-01/manifest.json";
        byte[] newer = text(key).replaceFirst("\\{\"format\":3,", "{\"format\":4,").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestCodec.read(newer, KeyRing.empty(), key))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("manifest format 4").hasMessageContaining("reads up to format 3")
                .hasMessageContaining("upgrade");
    }

    @Test
    void aSnapshotOfANewerFormatIsRefusedWithAnUpgradeMessage() {
        byte[] doc = "{\"format\":3,\"table\":\"t\",\"columns\":[\"id\"],\"rows\":[[1]],\"rowCount\":1}"
                .getBytes(StandardCharsets.UTF_8);
        List<ColumnSchema> columns = List.of(new ColumnSchema("id", SqlType.INTEGER, "int", false, 0, 0, null, false));

        assertThatThrownBy(() -> Snapshot.read(new ByteArrayInputStream(doc), "t", columns, "t.json").next())
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("format 3").hasMessageContaining("upgrade");
    }

    /**
     * A backup as the previous release wrote it: manifest format 2, snapshots format 1. It verifies and restores
     * to the same rows.
     */
    @Test
    void aFormatTwoBackupWithFormatOneSnapshotsStillVerifiesAndRestores() throws Exception {
        backups.backup();
        String key = "backups/main/2026-03-01/manifest.json";
        Manifest m = ManifestCodec.read(blobs.snapshot().get(key), KeyRing.empty(), key).manifest();
        List<Manifest.FileEntry> older = new ArrayList<>();
        for (Manifest.FileEntry f : m.files()) {
            byte[] doc = text(f.objectKey()).replaceFirst("\\{\"format\":2,", "{\"format\":1,")
                    .getBytes(StandardCharsets.UTF_8);
            put(f.objectKey(), doc);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(doc));
            older.add(new Manifest.FileEntry(f.table(), f.objectKey(), f.rows(), sha, sha, doc.length, null,
                    f.primaryKey(), f.columns()));
        }
        Manifest formatTwo = new Manifest(2, m.name(), m.folder(), m.createdAt(), m.libraryVersion(), m.status(),
                null, older, m.excludedTables(), m.failedTables(), m.auditCheckpoint(), m.compression(), null);
        put(key, ManifestCodec.write(formatTwo, KeyRing.empty()));
        assertThat(text(key)).startsWith("{\"format\":2,");
        assertThat(text("backups/main/2026-03-01/users.json")).startsWith("{\"format\":1,");

        assertThat(backups.verify("2026-03-01").ok()).isTrue();
        InMemoryDataStore target = Fixtures.emptyStore();
        RestoreResult restored = backups.restore(RestoreRequest.latest(), target);

        assertThat(restored.error()).isNull();
        assertThat(restored.rows()).containsKeys("users", "orders", "everything");
        Fixtures.assertSameRows(source, target);
    }

    @Test
    void tableIdsKeepEveryNameApart() {
        assertThat(new TableId(null, "orders").id()).isEqualTo("orders");
        assertThat(new TableId(null, "sales.orders").id()).isEqualTo("sales.orders");
        assertThat(new TableId("sales", "orders").id()).isEqualTo("\"sales\".\"orders\"");
        assertThat(new TableId(null, "\"x").id()).isEqualTo("\"\"\"x\"");
        assertThat(new TableId("we\"ird. s", "t.\"x\"").id()).isEqualTo("\"we\"\"ird. s\".\"t.\"\"x\"\"\"");
        for (TableId id : List.of(new TableId(null, "orders"), new TableId(null, "sales.orders"),
                new TableId("sales", "orders"), new TableId(null, "\"x"), new TableId(null, "\"a\".\"b\""),
                new TableId("we\"ird. s", "t.\"x\""), new TableId("Sales", "orders"))) {
            assertThat(TableId.parse(id.id())).isEqualTo(id);
        }
        assertThatThrownBy(() -> TableId.parse("\"a\".\"b\".\"c\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableId.parse("\"a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Layout.fileName(new TableId("Sales", "orders").id()))
                .isNotEqualToIgnoringCase(Layout.fileName(new TableId("sales", "orders").id()))
                .isNotEqualTo(Layout.fileName("sales.orders"));
    }

    @Test
    void settingsLeaveOutSchemasNotListedAndNameTablesByEitherSpelling() {
        BackupSettings s = BackupSettings.defaults().withSchemas(java.util.Set.of("public", "sales"))
                .withExcludeTables(java.util.Set.of("sales.secrets"));
        java.util.Optional<String> def = java.util.Optional.of("public");

        assertThat(s.coversSchemaOf("users", def)).isTrue();
        assertThat(s.coversSchemaOf("\"sales\".\"orders\"", def)).isTrue();
        assertThat(s.coversSchemaOf("\"Sales\".\"orders\"", def)).isFalse();
        assertThat(s.withSchemas(java.util.Set.of("sales")).coversSchemaOf("users", def)).isFalse();
        assertThat(BackupSettings.defaults().coversSchemaOf("\"any\".\"t\"", def)).isTrue();
        assertThat(s.excludes("\"sales\".\"secrets\"")).isTrue();
        assertThat(s.excludes("\"sales\".\"orders\"")).isFalse();
    }

    private String text(String key) {
        return new String(blobs.snapshot().get(key), StandardCharsets.UTF_8);
    }

    private void put(String key, byte[] bytes) throws java.io.IOException {
        var out = blobs.put(key);
        out.write(bytes);
        out.close();
    }
}
