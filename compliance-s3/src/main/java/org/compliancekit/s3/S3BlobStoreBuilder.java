package org.compliancekit.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.compliancekit.ConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Configures an {@link S3BlobStore}. Only the bucket is required; every other setting has the default named on
 * its method. Settings are checked in {@link #build()}, which fails with a {@link ConfigurationException} naming
 * the setting at fault.
 *
 * <p>Either the store builds its own client from the connection settings (region, endpoint, path style,
 * credentials, timeouts, attempts), or the application passes one with {@link #withClient(S3Client)}; the two do
 * not mix.
 */
public final class S3BlobStoreBuilder {
    /** The smallest part S3 and R2 accept for every part but the last: 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** The largest part S3 accepts: 5 GiB. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** The default part size: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** How long one HTTP attempt may take by default: 5 minutes. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    /** How long one request, retries included, may take by default: 15 minutes. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(15);
    /** The most keys one {@code ListObjectsV2} page or {@code DeleteObjects} call may carry: 1,000. */
    public static final int MAX_BATCH = 1000;

    private final String bucket;
    private String keyPrefix = "";
    private String region;
    private URI endpoint;
    private boolean pathStyle;
    private AwsCredentialsProvider credentials;
    private Duration connectTimeout = ClientSettings.DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = ClientSettings.DEFAULT_SOCKET_TIMEOUT;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private Duration callTimeout = DEFAULT_API_CALL_TIMEOUT;
    private Integer maxAttempts;
    private Boolean awsChunked;
    private S3Client client;
    private String firstConnectionSetting;
    private long partSize = DEFAULT_PART_SIZE;
    private ServerSideEncryption encryption;
    private String kmsKeyId;
    private boolean checksumSha256;
    private int listPageSize = MAX_BATCH;
    private int deleteBatchSize = MAX_BATCH;
    private Clock clock = Clock.systemUTC();

    S3BlobStoreBuilder(String bucket) {
        this.bucket = bucket;
    }

    /**
     * Puts every object under {@code prefix} in the bucket, e.g. {@code compliance/}; a missing trailing {@code /}
     * is added. Default: none, keys are used as they are.
     */
    public S3BlobStoreBuilder withKeyPrefix(String prefix) {
        this.keyPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** The bucket's region, e.g. {@code eu-central-1}; R2 uses {@code auto}. Default: the SDK's region chain. */
    public S3BlobStoreBuilder withRegion(String region) {
        this.region = connection("withRegion", Objects.requireNonNull(region, "region"));
        return this;
    }

    /**
     * The endpoint of an S3-compatible store: R2 {@code https://<account-id>.r2.cloudflarestorage.com}, MinIO its
     * URL. Default: AWS S3's endpoint for the region.
     */
    public S3BlobStoreBuilder withEndpoint(URI endpoint) {
        this.endpoint = connection("withEndpoint", Objects.requireNonNull(endpoint, "endpoint"));
        return this;
    }

    /** Addresses the bucket as {@code endpoint/bucket}, as MinIO usually needs. Default: off (virtual host). */
    public S3BlobStoreBuilder withPathStyleAccess(boolean pathStyle) {
        this.pathStyle = connection("withPathStyleAccess", pathStyle);
        return this;
    }

    /** Signs with this access key. Default: the SDK's default credentials provider chain. */
    public S3BlobStoreBuilder withCredentials(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new ConfigurationException("S3 credentials need both an access key id and a secret access key");
        }
        return withCredentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    /** Signs with credentials from {@code provider}. Default: the SDK's default credentials provider chain. */
    public S3BlobStoreBuilder withCredentialsProvider(AwsCredentialsProvider provider) {
        this.credentials = connection("withCredentials", Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** How long to wait for a TCP connection. Default: 10 seconds. */
    public S3BlobStoreBuilder withConnectTimeout(Duration timeout) {
        this.connectTimeout = connection("withConnectTimeout", timeout);
        return this;
    }

    /** How long a read or write on an open connection may stall. Default: 60 seconds. */
    public S3BlobStoreBuilder withSocketTimeout(Duration timeout) {
        this.socketTimeout = connection("withSocketTimeout", timeout);
        return this;
    }

    /**
     * How long one HTTP attempt may take in all, a whole part upload included; an attempt past it is abandoned and
     * retried. Raise it with very large parts on a slow link. Default: 5 minutes.
     */
    public S3BlobStoreBuilder withAttemptTimeout(Duration timeout) {
        this.attemptTimeout = connection("withAttemptTimeout", timeout);
        return this;
    }

    /**
     * How long one request may take in all, every retry included; past it the request, and the object being
     * written, fail. This bounds a server that accepts a connection and then stops answering. Default: 15 minutes.
     */
    public S3BlobStoreBuilder withApiCallTimeout(Duration timeout) {
        this.callTimeout = connection("withApiCallTimeout", timeout);
        return this;
    }

    /**
     * Whether uploads may use aws-chunked encoding: checksum trailers on each part and, over plain HTTP, signed
     * chunks. AWS S3 accepts it; some S3-compatible stores do not and would store the chunk framing as data. When
     * off, every object and part is sent with a {@code Content-Length} and a {@code Content-MD5} instead. Either way
     * the store checks each object's size after writing it. Default: on for AWS S3 and for a client passed in with
     * {@link #withClient}, off when {@link #withEndpoint} names another store.
     */
    public S3BlobStoreBuilder withAwsChunkedEncoding(boolean enabled) {
        this.awsChunked = enabled;
        return this;
    }

    /** Attempts per request, the first included, under the SDK's standard retry strategy. Default: 3. */
    public S3BlobStoreBuilder withMaxAttempts(int attempts) {
        this.maxAttempts = connection("withMaxAttempts", attempts);
        return this;
    }

    /**
     * Uses the application's own client, configured as it likes; the store never closes it. Excludes the
     * connection settings above.
     */
    public S3BlobStoreBuilder withClient(S3Client client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * Bytes per part of a multipart upload, between 5 MiB and 5 GiB; each open upload holds up to two parts in
     * memory. Default: 8 MiB.
     */
    public S3BlobStoreBuilder withPartSize(long bytes) {
        this.partSize = bytes;
        return this;
    }

    /**
     * Asks the store to encrypt new objects: {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS). Default: none
     * requested, the bucket's default encryption applies.
     */
    public S3BlobStoreBuilder withServerSideEncryption(ServerSideEncryption encryption) {
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        return this;
    }

    /** The KMS key for {@code aws:kms} encryption. Default: the account's default KMS key. */
    public S3BlobStoreBuilder withKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        return this;
    }

    /**
     * Sends {@code x-amz-checksum-sha256} with each object and part so the store verifies what it received. Turn it
     * on only where the store supports it (AWS S3, R2, MinIO do). Default: off.
     */
    public S3BlobStoreBuilder withChecksumSha256(boolean enabled) {
        this.checksumSha256 = enabled;
        return this;
    }

    /** Keys per listing page, 1 to 1,000. Default: 1,000. */
    public S3BlobStoreBuilder withListPageSize(int keys) {
        this.listPageSize = keys;
        return this;
    }

    /** Keys per {@code DeleteObjects} call, 1 to 1,000. Default: 1,000. */
    public S3BlobStoreBuilder withDeleteBatchSize(int keys) {
        this.deleteBatchSize = keys;
        return this;
    }

    /** The clock {@link S3BlobStore#abortIncompleteUploads} measures upload age with. Default: system UTC. */
    public S3BlobStoreBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Checks the settings and creates the store; builds an S3 client unless one was passed in. */
    public S3BlobStore build() {
        checkBucket();
        String prefix = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
        if (!prefix.isEmpty()) {
            try {
                org.compliancekit.store.support.Keys.check(prefix + "x");
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("S3 key prefix '" + keyPrefix + "' is not usable: " + e.getMessage(), e);
            }
        }
        check(partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE, "part size",
                () -> "must be between 5 MiB (" + MIN_PART_SIZE + ") and 5 GiB (" + MAX_PART_SIZE + ") bytes, was "
                        + partSize);
        check(listPageSize >= 1 && listPageSize <= MAX_BATCH, "list page size",
                () -> "must be between 1 and 1000, was " + listPageSize);
        check(deleteBatchSize >= 1 && deleteBatchSize <= MAX_BATCH, "delete batch size",
                () -> "must be between 1 and 1000, was " + deleteBatchSize);
        check(kmsKeyId == null || encryption == ServerSideEncryption.AWS_KMS
                        || encryption == ServerSideEncryption.AWS_KMS_DSSE, "KMS key id",
                () -> "needs withServerSideEncryption(ServerSideEncryption.AWS_KMS)");
        boolean chunked = awsChunked != null ? awsChunked : client != null || endpoint == null;
        S3Client s3 = client != null ? client : clientSettings(chunked).create();
        return new S3BlobStore(s3, client == null, new Location(bucket, prefix),
                new UploadSettings(partSize, encryption, kmsKeyId, checksumSha256, UploadSettings.S3_MAX_PARTS,
                        chunked),
                listPageSize, deleteBatchSize, clock);
    }

    private ClientSettings clientSettings(boolean chunked) {
        check(endpoint == null || endpoint.isAbsolute() && endpoint.getHost() != null, "endpoint",
                () -> "must be an absolute URL such as https://<account-id>.r2.cloudflarestorage.com, was " + endpoint);
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(socketTimeout, "socket timeout");
        requirePositive(attemptTimeout, "attempt timeout");
        requirePositive(callTimeout, "API call timeout");
        int attempts = maxAttempts == null ? ClientSettings.DEFAULT_MAX_ATTEMPTS : maxAttempts;
        check(attempts >= 1, "max attempts", () -> "must be at least 1, was " + attempts);
        return new ClientSettings(region, endpoint, pathStyle, credentials, connectTimeout, socketTimeout,
                attemptTimeout, callTimeout, attempts, chunked);
    }

    private void checkBucket() {
        // The common subset of AWS, R2 and MinIO bucket naming rules.
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
            throw new ConfigurationException("S3 bucket name '" + bucket + "' is invalid: use 3 to 63 lower-case "
                    + "letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        if (client != null && firstConnectionSetting != null) {
            throw new ConfigurationException("S3 store for bucket '" + bucket + "': " + firstConnectionSetting
                    + "(..) does not apply to a client passed in with withClient(..); configure that client instead");
        }
    }

    private <T> T connection(String setting, T value) {
        if (firstConnectionSetting == null) {
            firstConnectionSetting = setting;
        }
        return value;
    }

    private void requirePositive(Duration d, String setting) {
        check(d != null && !d.isNegative() && !d.isZero(), setting, () -> "must be a positive duration, was " + d);
    }

    private void check(boolean ok, String setting, Supplier<String> problem) {
        if (!ok) {
            throw new ConfigurationException("S3 store for bucket '" + bucket + "': " + setting + " " + problem.get());
        }
    }
}
