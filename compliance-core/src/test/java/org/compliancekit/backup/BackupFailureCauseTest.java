package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.FailureMessages;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

/**
 * A full disk under a backup: the table fails with the system's reason, which names no data and tells the operator
 * what to fix, instead of a bare exception type.
 */
class BackupFailureCauseTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");

    @Test
    void aDiskFullWhileWritingATableKeepsItsReason() {
        BlobStore full = new DiskFull(new InMemoryBlobStore(clock));
        Backups backups = Backups.builder(Fixtures.filledStore(), full, new RecordingAuditLog()).withClock(clock)
                .withKeys(Fixtures.ringA()).withSettings(BackupSettings.defaults()).build();

        BackupResult result = backups.backup();

        assertThat(result.status()).isNotEqualTo(BackupStatus.COMPLETED);
        assertThat(result.failures()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.error()).contains("No space left on device")
                        .doesNotContain("details withheld"));
    }

    @Test
    void onlyTheJdksOwnIoErrorsAreShown() {
        assertThat(FailureMessages.safe(new java.io.UncheckedIOException(
                new java.nio.file.AccessDeniedException("/backups/main", null, "Permission denied"))))
                .contains("/backups/main").contains("Permission denied");
        assertThat(FailureMessages.safe(new IllegalStateException("row (42, 'Ada Lovelace')")))
                .doesNotContain("Ada").contains("details withheld");
        assertThat(FailureMessages.safe(new IOException("disk", new RuntimeException("x")) { }))
                .contains("details withheld");
    }

    /** Table files fail as on a full disk; every other call goes to the real store. */
    private record DiskFull(BlobStore store) implements BlobStore {
        @Override
        public BlobOutput put(String key) {
            if (key.endsWith("manifest.json")) {
                return store.put(key);
            }
            BlobOutput real = store.put(key);
            return new BlobOutput() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public void abort() {
                    real.abort();
                }
            };
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
            return store.list(prefix);
        }

        @Override
        public List<DeleteFailure> delete(List<String> keys) {
            return store.delete(keys);
        }
    }
}
