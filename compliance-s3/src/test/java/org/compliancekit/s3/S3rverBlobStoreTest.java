package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store on s3rver, which does not understand aws-chunked uploads and, like some real S3-compatible stores,
 * keeps the chunk framing as if it were the data: the store's defaults for a custom endpoint must store exact bytes,
 * and a store forced to send aws-chunked must notice what was kept and fail the object instead of reporting success.
 */
class S3rverBlobStoreTest {
    private static final int PART = (int) S3BlobStoreBuilder.MIN_PART_SIZE;

    private final S3rverServer server = S3rverServer.shared();

    @Test
    void theDefaultsForACustomEndpointStoreExactBytesSingleAndMultipart() throws IOException {
        String bucket = "exact-" + UUID.randomUUID();
        byte[] small = bytes(70_000, 1);
        byte[] large = bytes(2 * PART + 5, 2);
        try (S3BlobStore store = server.storeWithNewBucket(bucket).withPartSize(PART).build();
                S3Client s3 = server.client()) {
            write(store, "small.bin", small);
            write(store, "large.bin", large);

            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("small.bin")).asByteArray()).isEqualTo(small);
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("large.bin")).asByteArray()).isEqualTo(large);
        }
    }

    @Test
    void aSinglePutTheStoreKeptWronglyFailsAndIsDeleted() {
        String bucket = "chunked-" + UUID.randomUUID();
        try (S3BlobStore store = server.storeWithNewBucket(bucket).withAwsChunkedEncoding(true).build()) {
            assertThatThrownBy(() -> write(store, "small.bin", bytes(70_000, 3)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("small.bin")
                    .hasMessageContaining("withAwsChunkedEncoding(false)");
            assertThat(store.exists("small.bin")).isFalse();
        }
    }

    @Test
    void aMultipartUploadTheStoreKeptWronglyFails() {
        String bucket = "chunked-mp-" + UUID.randomUUID();
        try (S3BlobStore store = server.storeWithNewBucket(bucket).withAwsChunkedEncoding(true).withPartSize(PART)
                .build()) {
            assertThatThrownBy(() -> write(store, "large.bin", bytes(PART + 10, 4)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("large.bin")
                    .hasMessageContaining("aws-chunked");
            assertThat(store.exists("large.bin")).isFalse();
        }
    }

    static void write(S3BlobStore store, String key, byte[] content) throws IOException {
        BlobOutput out = store.put(key);
        try {
            out.write(content);
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
