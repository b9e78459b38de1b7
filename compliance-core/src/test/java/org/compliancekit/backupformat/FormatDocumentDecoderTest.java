package org.compliancekit.backupformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.compliancekit.backup.BackupCompression;
import org.compliancekit.backup.BackupFormatFixtures;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;

/**
 * Backups written by the engine read back with {@link StandaloneBackupDecoder}, which follows
 * {@code docs/backup-format.md} and shares no class with the engine.
 */
class FormatDocumentDecoderTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);
    final InMemoryDataStore source = BackupFormatFixtures.filledStore();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final StandaloneBackupDecoder decoder = new StandaloneBackupDecoder(
            Map.of("a", Base64.getDecoder().decode(BackupFormatFixtures.KEY_A)));

    @Test
    void encryptedBackupDecodesToTheSourceRows() throws Exception {
        backups(true, 1024).backup(); // small segments: every table spans several
        assertDecodesToSource();
    }

    @Test
    void plainBackupWithAMacDecodesToTheSourceRows() throws Exception {
        backups(false, 1 << 20).backup();
        assertDecodesToSource();
    }

    @Test
    void uncompressedBackupsDecodeToo() throws Exception {
        backups(true, 1024, BackupCompression.NONE).backup();
        assertThat(blobs.keys()).contains("backups/main/2026-03-01/users.json.enc");
        assertDecodesToSource();
    }

    @Test
    void decoderRejectsWhatTheDocumentSaysMustFail() throws Exception {
        backups(true, 1024).backup();
        Map<String, byte[]> files = blobs.snapshot();
        byte[] users = files.get("backups/main/2026-03-01/users.json.zst.enc");
        byte[] cut = java.util.Arrays.copyOf(users, users.length - 1);
        assertThatThrownBy(() -> decoder.decrypt(cut)).isInstanceOf(javax.crypto.AEADBadTagException.class);
        byte[] manifest = files.get("backups/main/2026-03-01/manifest.json");
        byte[] edited = new String(manifest, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"rows\":5", "\"rows\":6").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.manifest(edited)).hasMessageContaining("manifest MAC");
    }

    private void assertDecodesToSource() throws Exception {
        Map<String, byte[]> files = blobs.snapshot();
        JsonNode manifest = decoder.manifest(files.get("backups/main/2026-03-01/manifest.json"));
        assertThat(manifest.get("status").asText()).isEqualTo("completed");
        List<String> decodedTables = new ArrayList<>();
        for (JsonNode entry : manifest.get("files")) {
            StandaloneBackupDecoder.Table t = decoder.table(manifest, entry,
                    files.get(entry.get("objectKey").asText()));
            decodedTables.add(t.name());
            TableSchema schema = source.describe().require(t.name());
            List<List<Object>> expected = new ArrayList<>();
            for (Map<String, Object> row : source.rows(t.name())) {
                expected.add(comparable(schema.columnNames().stream().map(row::get).toList()));
            }
            assertThat(t.rows().stream().map(FormatDocumentDecoderTest::comparable).toList())
                    .as("table %s", t.name()).isEqualTo(expected);
        }
        assertThat(decodedTables).containsExactly("everything", "orders", "users");
    }

    private static List<Object> comparable(List<Object> row) {
        List<Object> out = new ArrayList<>();
        for (Object v : row) {
            out.add(v instanceof byte[] b ? "hex:" + HexFormat.of().formatHex(b) : v);
        }
        return out;
    }

    private Backups backups(boolean encrypted, int segmentSize) {
        return backups(encrypted, segmentSize, BackupCompression.ZSTD);
    }

    private Backups backups(boolean encrypted, int segmentSize, BackupCompression compression) {
        return Backups.builder(source, blobs, BackupFormatFixtures.audit()).withClock(clock)
                .withKeys(KeyRing.single("a", BackupFormatFixtures.KEY_A)).withSegmentSize(segmentSize)
                .withSettings(org.compliancekit.backup.BackupSettings.defaults().withEncrypted(encrypted)
                        .withCompression(compression)).build();
    }
}
