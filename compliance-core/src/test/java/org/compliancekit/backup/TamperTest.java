package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of damage is caught by verify, and a restore then changes nothing. */
class TamperTest {
    static final String FOLDER = "2026-03-01";
    static final String USERS = "backups/main/2026-03-01/users.json.enc";
    static final String ORDERS = "backups/main/2026-03-01/orders.json.enc";
    static final String MANIFEST = "backups/main/2026-03-01/manifest.json";
    static final int SEGMENT = 1024;
    static final int SEALED = SEGMENT + 16;

    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    InMemoryDataStore source;
    Backups backups;

    @BeforeEach
    void backUp() {
        source = Fixtures.filledStore();
        for (int i = 6; i <= 200; i++) { // enough rows for several 1 KiB segments
            source.insert("users", Map.of("id", i, "email", "someone" + i + "@example.com"));
        }
        backups = backups(Fixtures.ringA());
        assertThat(backups.backup().status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(backups.verify(FOLDER).ok()).isTrue();
        assertThat(bytes(USERS).length).isGreaterThan(3 * SEALED);
    }

    @Test
    void truncatedFileFails() {
        byte[] b = bytes(USERS);
        blobs.overwrite(USERS, Arrays.copyOf(b, b.length - SEALED / 2));
        assertFileProblem(USERS, "segment");
        blobs.overwrite(USERS, Arrays.copyOf(b, headerLength() + 2 * SEALED));
        assertFileProblem(USERS, "truncated");
    }

    @Test
    void reorderedSegmentsFail() {
        byte[] b = bytes(USERS);
        byte[] swapped = b.clone();
        int h = headerLength();
        System.arraycopy(b, h, swapped, h + SEALED, SEALED);
        System.arraycopy(b, h + SEALED, swapped, h, SEALED);
        blobs.overwrite(USERS, swapped);
        assertFileProblem(USERS, "segment 0");
    }

    @Test
    void editedHeaderFails() {
        byte[] b = bytes(USERS);
        b[20] ^= 1; // inside the salt
        blobs.overwrite(USERS, b);
        assertFileProblem(USERS, "does not authenticate");
    }

    @Test
    void wrongKeyFailsWithoutLeakingIt() {
        Backups other = backups(KeyRing.of("a", Map.of("a", Fixtures.KEY_B)));
        VerifyResult result = other.verify(FOLDER);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("does not match its MAC");
        assertThat(result.files()).allSatisfy(f -> assertThat(f.problem()).contains("does not authenticate")
                .doesNotContain(Fixtures.KEY_A).doesNotContain(Fixtures.KEY_B));
    }

    @Test
    void swappedFilesFail() {
        byte[] users = bytes(USERS);
        blobs.overwrite(USERS, bytes(ORDERS));
        blobs.overwrite(ORDERS, users);
        VerifyResult result = backups.verify(FOLDER);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).filteredOn(f -> !f.ok()).extracting(VerifyResult.FileCheck::table)
                .containsExactlyInAnyOrder("users", "orders");
    }

    @Test
    void fileFromAnotherBackupFails() {
        clock.advance(java.time.Duration.ofDays(1));
        source.insert("users", Map.of("id", 999, "email", "new@example.com"));
        backups.backup();
        blobs.overwrite(USERS, bytes("backups/main/2026-03-02/users.json.enc"));
        assertFileProblem(USERS, "rows");
    }

    @Test
    void editedManifestFails() {
        String m = new String(bytes(MANIFEST), StandardCharsets.UTF_8);
        String edited = m.replace("\"rows\":200", "\"rows\":199");
        assertThat(edited).isNotEqualTo(m);
        blobs.overwrite(MANIFEST, edited.getBytes(StandardCharsets.UTF_8));
        VerifyResult result = backups.verify(FOLDER);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("does not match its MAC");
    }

    @Test
    void manifestWithItsMacRemovedFails() {
        String m = new String(bytes(MANIFEST), StandardCharsets.UTF_8);
        blobs.overwrite(MANIFEST, (m.substring(0, m.lastIndexOf(",\"mac\":")) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(backups.verify(FOLDER).problems()).singleElement().asString().contains("carries no MAC");
    }

    @Test
    void restoreOfADamagedBackupChangesNothingAndIsAudited() {
        byte[] b = bytes(ORDERS);
        b[b.length - 1] ^= 1;
        blobs.overwrite(ORDERS, b);
        InMemoryDataStore target = Fixtures.emptyStore();

        RestoreResult result = backups.restore(RestoreRequest.fromFolder(FOLDER), target);

        assertThat(result.restored()).isFalse();
        assertThat(result.error()).contains("failed verification").contains("orders.json.enc");
        assertThat(result.verification().ok()).isFalse();
        assertThat(target.count("users")).isZero();
        AuditEvent e = audit.last();
        assertThat(e.type()).isEqualTo(AuditEvent.TYPE_DATA_IMPORT);
        assertThat(e.status()).isEqualTo(AuditStatus.FAILED);
    }

    private void assertFileProblem(String key, String text) {
        VerifyResult result = backups.verify(FOLDER);
        assertThat(result.ok()).isFalse();
        assertThat(result.files()).filteredOn(f -> !f.ok()).singleElement().satisfies(f -> {
            assertThat(f.objectKey()).isEqualTo(key);
            assertThat(f.problem()).contains(text);
        });
    }

    /** Uncompressed, so that the table files span several segments to cut, swap and reorder. */
    private Backups backups(KeyRing keys) {
        return Backups.builder(source, blobs, audit).withClock(clock).withKeys(keys).withSegmentSize(SEGMENT)
                .withSettings(BackupSettings.defaults().withCompression(BackupCompression.NONE)).build();
    }

    private byte[] bytes(String key) {
        return blobs.snapshot().get(key);
    }

    private static int headerLength() {
        return IntStream.of(4, 1, 4, 1, 1, 32, 7).sum(); // key id "a"
    }
}
