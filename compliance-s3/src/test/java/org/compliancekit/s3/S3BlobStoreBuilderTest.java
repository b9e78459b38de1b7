package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.compliancekit.ConfigurationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Settings are checked when the store is built, and each refusal names the setting and what is allowed. */
class S3BlobStoreBuilderTest {

    private static S3BlobStoreBuilder valid() {
        return S3BlobStore.builder("backups").withRegion("us-east-1").withCredentials("id", "secret-value");
    }

    @Test
    void buildsWithDefaultsAndNamesItsLocation() {
        try (S3BlobStore store = valid().withKeyPrefix("compliance").build()) {
            assertThat(store).hasToString("S3BlobStore[s3://backups/compliance/]");
        }
        try (S3BlobStore store = valid().withKeyPrefix("compliance/").build()) {
            assertThat(store).hasToString("S3BlobStore[s3://backups/compliance/]");
        }
    }

    @Test
    void neverShowsTheSecretKey() {
        S3BlobStoreBuilder builder = valid();
        try (S3BlobStore store = builder.build()) {
            assertThat(store.toString()).doesNotContain("secret-value");
        }
        assertThat(builder.toString()).doesNotContain("secret-value");
    }

    @Test
    void rejectsInvalidBucketNames() {
        for (String bad : new String[] {"ab", "Upper", "-dash", "dash-", "a..b", "under_score", "x".repeat(64)}) {
            assertThatThrownBy(() -> S3BlobStore.builder(bad).withRegion("us-east-1").build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("S3 bucket name '" + bad + "'");
        }
        assertThatThrownBy(() -> S3BlobStore.builder(null).build()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void rejectsPartSizesS3Refuses() {
        assertThatThrownBy(() -> valid().withPartSize(5L * 1024 * 1024 - 1).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bucket 'backups': part size must be between 5 MiB");
        assertThatThrownBy(() -> valid().withPartSize(5L * 1024 * 1024 * 1024 + 1).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("part size");
        valid().withPartSize(S3BlobStoreBuilder.MIN_PART_SIZE).build().close();
    }

    @Test
    void rejectsBatchSizesOutsideOneToAThousand() {
        assertThatThrownBy(() -> valid().withListPageSize(0).build()).hasMessageContaining("list page size");
        assertThatThrownBy(() -> valid().withListPageSize(1001).build()).hasMessageContaining("list page size");
        assertThatThrownBy(() -> valid().withDeleteBatchSize(0).build()).hasMessageContaining("delete batch size");
        assertThatThrownBy(() -> valid().withDeleteBatchSize(1001).build()).hasMessageContaining("delete batch size");
    }

    @Test
    void rejectsKeyPrefixesThatAreNotRelativePaths() {
        for (String bad : new String[] {"/abs", "a/../b", "a//b", "back\\slash"}) {
            assertThatThrownBy(() -> valid().withKeyPrefix(bad).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("S3 key prefix '" + bad + "'");
        }
    }

    @Test
    void rejectsAKmsKeyWithoutKmsEncryption() {
        assertThatThrownBy(() -> valid().withKmsKeyId("alias/backups").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("KMS key id");
        assertThatThrownBy(() -> valid().withServerSideEncryption(ServerSideEncryption.AES256)
                .withKmsKeyId("alias/backups").build()).isInstanceOf(ConfigurationException.class);
        valid().withServerSideEncryption(ServerSideEncryption.AWS_KMS).withKmsKeyId("alias/backups").build().close();
    }

    @Test
    void rejectsBadConnectionSettings() {
        assertThatThrownBy(() -> valid().withEndpoint(URI.create("r2.example.com")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("endpoint must be an absolute URL");
        assertThatThrownBy(() -> valid().withConnectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connect timeout must be a positive duration");
        assertThatThrownBy(() -> valid().withSocketTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("socket timeout");
        assertThatThrownBy(() -> valid().withAttemptTimeout(Duration.ZERO).build())
                .hasMessageContaining("attempt timeout");
        assertThatThrownBy(() -> valid().withMaxAttempts(0).build()).hasMessageContaining("max attempts");
        assertThatThrownBy(() -> valid().withCredentials("AKIAEXAMPLEKEYID", " "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secret access key")
                .hasMessageNotContaining("AKIAEXAMPLEKEYID");
    }

    @Test
    void aClientPassedInExcludesConnectionSettingsAndStaysOpen() {
        S3MockServer server = S3MockServer.shared();
        try (S3Client client = server.client()) {
            assertThatThrownBy(() -> S3BlobStore.builder("backups").withClient(client)
                    .withEndpoint(URI.create("http://localhost:9000")).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("withEndpoint(..) does not apply to a client passed in");

            String bucket = "passed-in-" + java.util.UUID.randomUUID();
            client.createBucket(r -> r.bucket(bucket));
            S3BlobStore store = S3BlobStore.builder(bucket).withClient(client).withKeyPrefix("x").build();
            assertThat(store.exists("a")).isFalse();
            store.close();

            assertThat(client.headBucket(r -> r.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
        }
    }
}
