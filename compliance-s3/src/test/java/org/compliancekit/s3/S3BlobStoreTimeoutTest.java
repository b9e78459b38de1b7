package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.Backups;
import org.compliancekit.job.DailyJob;
import org.compliancekit.job.InMemoryJobLock;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.JobSettings;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A server that accepts a connection and then stops answering (a paused process) must fail the object within the
 * store's timeouts instead of hanging: a socket timeout does not cover a write the server no longer reads.
 */
class S3BlobStoreTimeoutTest {
    private static final int PART = (int) S3BlobStoreBuilder.MIN_PART_SIZE;

    @Test
    void aStalledServerFailsAMultipartWriteWithinTheTimeouts() {
        S3MockServer server = S3MockServer.shared();
        String bucket = "stall-" + UUID.randomUUID();
        server.storeWithNewBucket(bucket).build().close();
        try (TcpRelay relay = new TcpRelay(server.endpoint());
                S3BlobStore store = server.storeOn(bucket).withEndpoint(relay.endpoint()).withPartSize(PART)
                        .withAttemptTimeout(Duration.ofSeconds(2)).withApiCallTimeout(Duration.ofSeconds(4))
                        .withMaxAttempts(2).build()) {
            relay.stall();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> {
                BlobOutput out = store.put("stalled.bin");
                try {
                    out.write(S3rverBlobStoreTest.bytes(3 * PART, 5));
                    out.close();
                } finally {
                    out.abort();
                }
            }).isInstanceOf(StorageException.class).hasMessageContaining("stalled.bin"));
        }
    }

    @Test
    void aStalledServerFailsASinglePutWithinTheTimeouts() {
        S3MockServer server = S3MockServer.shared();
        String bucket = "stall-put-" + UUID.randomUUID();
        server.storeWithNewBucket(bucket).build().close();
        try (TcpRelay relay = new TcpRelay(server.endpoint());
                S3BlobStore store = server.storeOn(bucket).withEndpoint(relay.endpoint())
                        .withAttemptTimeout(Duration.ofSeconds(2)).withApiCallTimeout(Duration.ofSeconds(4))
                        .withMaxAttempts(2).build()) {
            relay.stall();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> {
                BlobOutput out = store.put("stalled-small.bin");
                out.write(new byte[1000]);
                out.close();
            }).isInstanceOf(StorageException.class).hasMessageContaining("stalled-small.bin"));
        }
    }

    @Test
    void aDailyJobOverAStalledStoreEndsWithTheBackupFailedAndReleasesItsLock() {
        S3MockServer server = S3MockServer.shared();
        String bucket = "stall-job-" + UUID.randomUUID();
        server.storeWithNewBucket(bucket).build().close();
        InMemoryDataStore data = InMemoryDataStore.of(
                new TableSchema("notes", List.of(
                        ColumnSchema.of("id", SqlType.INTEGER, false)),
                        List.of("id"), List.of()));
        data.insert("notes", Map.of("id", 1));
        InMemoryJobLock lock = new InMemoryJobLock();
        try (TcpRelay relay = new TcpRelay(server.endpoint());
                S3BlobStore store = server.storeOn(bucket).withEndpoint(relay.endpoint())
                        .withAttemptTimeout(Duration.ofSeconds(2)).withApiCallTimeout(Duration.ofSeconds(4))
                        .withMaxAttempts(2).build()) {
            AuditLog audit = InMemoryAuditLog
                    .builder(Clock.systemUTC()).build();
            Backups backups = Backups.builder(data, store, audit)
                    .withSettings(BackupSettings.defaults().withEnabled(true)
                            .withEncrypted(false)).build();
            DailyJob job = DailyJob.builder(lock, audit)
                    .withBackups(backups).build();
            relay.stall();

            // The stalled store fails the job within the timeouts: either the backup step reports the failure or
            // the job's check of the last backup throws it; either way the job ends.
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                try {
                    JobReport report = job.run();
                    assertThat(report.backup().value().map(b -> b.status().wireName()).orElse("not run"))
                            .isNotEqualTo("completed");
                } catch (StorageException e) {
                    assertThat(e).hasMessageContaining(bucket);
                }
            });

            assertThat(lock.tryLock(JobSettings.defaults().lockName(), Duration.ofMinutes(1)))
                    .as("the lock was released").isPresent();
        }
    }

    @Test
    void theStoreBuildsItsClientWithBoundedTimeoutsByDefault() {
        try (S3BlobStore store = S3BlobStore.builder("any-bucket").withRegion("us-east-1")
                .withCredentials("id", "secret").build()) {
            ClientOverrideConfiguration o = store.client().serviceClientConfiguration().overrideConfiguration();
            assertThat(o.apiCallAttemptTimeout()).contains(S3BlobStoreBuilder.DEFAULT_ATTEMPT_TIMEOUT);
            assertThat(o.apiCallTimeout()).contains(S3BlobStoreBuilder.DEFAULT_API_CALL_TIMEOUT);
        }
    }
}
