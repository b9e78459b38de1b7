package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore.BlobOutput;
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
    void theStoreBuildsItsClientWithBoundedTimeoutsByDefault() {
        try (S3BlobStore store = S3BlobStore.builder("any-bucket").withRegion("us-east-1")
                .withCredentials("id", "secret").build()) {
            ClientOverrideConfiguration o = store.client().serviceClientConfiguration().overrideConfiguration();
            assertThat(o.apiCallAttemptTimeout()).contains(S3BlobStoreBuilder.DEFAULT_ATTEMPT_TIMEOUT);
            assertThat(o.apiCallTimeout()).contains(S3BlobStoreBuilder.DEFAULT_API_CALL_TIMEOUT);
        }
    }
}
