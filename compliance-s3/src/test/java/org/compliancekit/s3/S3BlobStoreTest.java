package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore.BlobInfo;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.compliancekit.store.BlobStore.DeleteFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** What the S3 store does beyond the blob store contract: how it writes, where it writes, what it reports. */
class S3BlobStoreTest {
    private static final int PART = (int) S3BlobStoreBuilder.MIN_PART_SIZE;

    private final S3MockServer server = S3MockServer.shared();
    private final String bucket = "store-" + UUID.randomUUID();
    private S3Client s3;

    @BeforeEach
    void createBucket() {
        s3 = server.client();
        s3.createBucket(r -> r.bucket(bucket));
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    private S3BlobStoreBuilder store() {
        return S3BlobStore.builder(bucket).withClient(s3).withPartSize(PART);
    }

    @Test
    void objectsUpToOnePartGoUpWithASinglePutLargerOnesInEqualParts() throws IOException {
        Recorder sent = new Recorder();
        try (S3Client recorded = client(sent); S3BlobStore store = S3BlobStore.builder(bucket).withClient(recorded)
                .withPartSize(PART).build()) {
            write(store, "small", 10);
            write(store, "one-part", PART);
            write(store, "two-parts", PART + 1);
            write(store, "three-parts", 3 * PART);

            assertThat(head("small").eTag()).doesNotContain("-");
            assertThat(head("one-part").eTag()).doesNotContain("-");
            assertThat(head("two-parts").eTag()).endsWith("-2\"");
            assertThat(head("three-parts").eTag()).endsWith("-3\"");
            assertThat(sent.parts("two-parts")).containsExactly((long) PART, 1L);
            assertThat(sent.parts("three-parts")).containsExactly((long) PART, (long) PART, (long) PART);
            assertThat(sent.parts("one-part")).isEmpty();
            assertThat(head("three-parts").contentLength()).isEqualTo(3L * PART);
        }
    }

    @Test
    void multipartUploadsDeclareOnePartChecksumWhateverTheClientDefaults() throws IOException {
        Recorder sent = new Recorder();
        try (S3Client minimal = server.clientBuilder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(sent)).build();
                S3BlobStore store = S3BlobStore.builder(bucket).withClient(minimal).withPartSize(PART).build()) {
            byte[] data = write(store, "two-parts", PART + 1);
            assertThat(read(store, "two-parts")).isEqualTo(data);
        }
        assertThat(sent.requests).filteredOn(CreateMultipartUploadRequest.class::isInstance)
                .singleElement().satisfies(r -> assertThat(((CreateMultipartUploadRequest) r).checksumAlgorithm())
                        .isEqualTo(ChecksumAlgorithm.CRC32));
        assertThat(sent.requests).filteredOn(UploadPartRequest.class::isInstance).hasSize(2)
                .allSatisfy(r -> assertThat(((UploadPartRequest) r).checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32));
    }

    @Test
    void keyPrefixKeepsTheStoreInItsFolder() throws IOException {
        s3.putObject(r -> r.bucket(bucket).key("elsewhere/file"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        try (S3BlobStore store = store().withKeyPrefix("compliance").build()) {
            write(store, "backups/main/manifest.json", 3);

            assertThat(head("compliance/backups/main/manifest.json").contentLength()).isEqualTo(3);
            try (Stream<BlobInfo> all = store.list("")) {
                assertThat(all.map(BlobInfo::key)).containsExactly("backups/main/manifest.json");
            }
            assertThat(store.exists("elsewhere/file")).isFalse();
            assertThat(store.delete(List.of("backups/main/manifest.json"))).isEmpty();
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("elsewhere/file");
        }
    }

    @Test
    void requestsServerSideEncryptionForSingleAndMultipartObjects() throws IOException {
        Recorder sent = new Recorder();
        try (S3Client recorded = client(sent); S3BlobStore store = S3BlobStore.builder(bucket).withClient(recorded)
                .withPartSize(PART).withServerSideEncryption(ServerSideEncryption.AES256).build()) {
            write(store, "small", 10);
            write(store, "large", PART + 1);
        }
        assertThat(sent.requests).filteredOn(r -> r instanceof PutObjectRequest || r instanceof CreateMultipartUploadRequest)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getValueForField("ServerSideEncryption", String.class)).contains("AES256"));
        assertThat(head("large").contentLength()).isEqualTo(PART + 1);
    }

    @Test
    void sendsSha256ChecksumsTheServerVerifies() throws Exception {
        try (S3BlobStore store = store().withChecksumSha256(true).build()) {
            byte[] small = write(store, "small", 1000);
            write(store, "large", PART + 1);

            String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(small));
            assertThat(headWithChecksum("small").checksumSHA256()).isEqualTo(expected);
            assertThat(headWithChecksum("large").checksumSHA256()).endsWith("-2");
            assertThat(read(store, "large")).hasSize(PART + 1);
        }
    }

    @Test
    void closingAReadEarlyLeavesTheStoreUsable() throws IOException {
        try (S3BlobStore store = store().build()) {
            byte[] data = write(store, "big", 2 * PART);
            try (InputStream in = store.get("big")) {
                assertThat(in.readNBytes(100)).isEqualTo(java.util.Arrays.copyOf(data, 100));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(read(store, "big")).isEqualTo(data);
            }
        }
    }

    @Test
    void deleteReportsTheKeysTheStoreRefused() throws IOException {
        try (S3Client refusing = client(new RefuseDeleteOf("app/locked"));
                S3BlobStore store = S3BlobStore.builder(bucket).withClient(refusing).withKeyPrefix("app")
                        .withDeleteBatchSize(2).build()) {
            for (String key : List.of("a", "locked", "b")) {
                write(store, key, 1);
            }
            assertThat(store.delete(List.of("a", "locked", "b"))).containsExactly(
                    new DeleteFailure("locked", "AccessDenied: Access Denied"));
            try (Stream<BlobInfo> left = store.list("")) {
                assertThat(left.map(BlobInfo::key)).containsExactly("locked");
            }
        }
    }

    @Test
    void aFailedDeleteCallReportsEveryKeyOfItsBatchAndGoesOn() {
        try (S3BlobStore store = S3BlobStore.builder("no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8))
                .withClient(s3).withDeleteBatchSize(2).build()) {
            List<DeleteFailure> failures = store.delete(List.of("a", "b", "c"));
            assertThat(failures).extracting(DeleteFailure::key).containsExactly("a", "b", "c");
            assertThat(failures).allSatisfy(f -> assertThat(f.error()).contains("NoSuchBucket"));
        }
    }

    @Test
    void rejectsInvalidKeysBeforeCallingTheStore() {
        try (S3BlobStore store = store().build()) {
            assertThatThrownBy(() -> store.get("../x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.exists("/x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(List.of("ok", "a//b"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(r -> r.bucket(bucket).key(key));
    }

    private HeadObjectResponse headWithChecksum(String key) {
        return s3.headObject(r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    private static byte[] write(S3BlobStore store, String key, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        try (BlobOutput out = store.put(key)) {
            out.write(data);
        }
        return data;
    }

    private static byte[] read(S3BlobStore store, String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    /** Makes the store answer a delete as if it refused one key, as a bucket policy or object lock would. */
    private record RefuseDeleteOf(String objectKey) implements ExecutionInterceptor {
        private static final ExecutionAttribute<Boolean> REFUSED = new ExecutionAttribute<>("refused");

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof DeleteObjectsResponse response && attributes.getAttribute(REFUSED) != null) {
                return response.toBuilder().errors(S3Error.builder().key(objectKey).code("AccessDenied")
                        .message("Access Denied").build()).build();
            }
            return context.response();
        }

        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context,
                ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.s3.model.DeleteObjectsRequest request
                    && request.delete().objects().stream().anyMatch(o -> o.key().equals(objectKey))) {
                attributes.putAttribute(REFUSED, Boolean.TRUE);
                return request.toBuilder().delete(d -> d.quiet(true).objects(request.delete().objects().stream()
                        .filter(o -> !o.key().equals(objectKey)).toList())).build();
            }
            return context.request();
        }
    }

    private S3Client client(ExecutionInterceptor interceptor) {
        return server.clientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build();
    }

    /** Keeps every request the store makes, to check what it asked of the server. */
    private static final class Recorder implements ExecutionInterceptor {
        final List<SdkRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }

        /** The sizes of the parts sent for {@code key}, in part order. */
        List<Long> parts(String key) {
            return requests.stream().filter(r -> r instanceof UploadPartRequest p && p.key().equals(key))
                    .map(r -> (UploadPartRequest) r)
                    .sorted(java.util.Comparator.comparing(UploadPartRequest::partNumber))
                    .map(UploadPartRequest::contentLength).toList();
        }
    }
}
