package org.compliancekit.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.s3.S3BlobStore;
import org.compliancekit.s3.S3BlobStoreBuilder;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.FileSystemBlobStore;
import picocli.CommandLine.Option;

/** Where backups live, which backup set, and the keys that encrypt and read them. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "<dir|s3://bucket/prefix>",
            description = "Backup storage: a directory or s3://bucket/prefix.")
    String store;

    @Option(names = "--s3-endpoint", paramLabel = "<url>", description = "S3-compatible endpoint (R2, MinIO).")
    URI s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "<region>", description = "S3 region; default the AWS region chain.")
    String s3Region;

    @Option(names = "--s3-path-style", description = "Path-style S3 addressing (MinIO).")
    boolean s3PathStyle;

    @Option(names = "--s3-attempt-timeout", paramLabel = "<duration>", converter = CliDurations.class,
            description = "Longest single S3 HTTP attempt, a whole part upload included (e.g. 90s, 5m); "
                    + "default 5m.")
    Duration s3AttemptTimeout;

    @Option(names = "--s3-call-timeout", paramLabel = "<duration>", converter = CliDurations.class,
            description = "Longest S3 request, retries included; a stalled write fails the file after it; "
                    + "default 15m.")
    Duration s3CallTimeout;

    @Option(names = "--s3-aws-chunked", paramLabel = "<true|false>", arity = "1",
            description = "Send S3 uploads aws-chunked (checksum trailers, signed chunks); default true for AWS, "
                    + "false with --s3-endpoint.")
    Boolean s3AwsChunked;

    @Option(names = "--key-file", paramLabel = "<[id:]file>",
            description = "A base64 32-byte backup key; repeat for rotation, the first is primary. "
                    + "The key id is the file name without extension unless given as id:file.")
    List<String> keyFiles = List.of();

    @Option(names = "--name", paramLabel = "<name>",
            description = "Backup set name; default the policy's backup name, main.")
    String name;

    private final List<String> keyWarnings = new ArrayList<>();

    /** The backup store, a directory created when missing; S3 credentials come from the AWS default chain. */
    BlobStore open() {
        return open(false);
    }

    /**
     * The backup store; with {@code readOnly} a directory must exist already, so that a mistyped path fails instead
     * of leaving a new empty folder behind.
     */
    BlobStore open(boolean readOnly) {
        if (store == null || store.isBlank()) {
            throw new ConfigurationException("--store is required: a directory or s3://bucket/prefix");
        }
        if (!store.startsWith("s3://")) {
            if (s3Endpoint != null || s3Region != null || s3PathStyle || s3AttemptTimeout != null
                    || s3CallTimeout != null || s3AwsChunked != null) {
                throw new ConfigurationException("the --s3-* options apply to an s3:// --store only; --store "
                        + Terminal.safe(store) + " is a directory");
            }
            if (readOnly && !java.nio.file.Files.isDirectory(Path.of(store))) {
                throw new ConfigurationException("--store " + Terminal.safe(store) + " does not exist or is not a "
                        + "directory; check the path (a reading command creates nothing)");
            }
            return readOnly ? FileSystemBlobStore.existing(Path.of(store)) : FileSystemBlobStore.at(Path.of(store));
        }
        String rest = store.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new ConfigurationException("--store " + store + " names no bucket; use s3://bucket/prefix");
        }
        S3BlobStoreBuilder b = S3BlobStore.builder(bucket).withPathStyleAccess(s3PathStyle);
        if (slash >= 0 && slash < rest.length() - 1) {
            b.withKeyPrefix(rest.substring(slash + 1));
        }
        Optional.ofNullable(s3Endpoint).ifPresent(b::withEndpoint);
        Optional.ofNullable(s3Region).ifPresent(b::withRegion);
        Optional.ofNullable(s3AttemptTimeout).ifPresent(b::withAttemptTimeout);
        Optional.ofNullable(s3CallTimeout).ifPresent(b::withApiCallTimeout);
        Optional.ofNullable(s3AwsChunked).ifPresent(b::withAwsChunkedEncoding);
        return b.build();
    }

    /** The key ring from {@code --key-file}; empty when none was given. See {@link #keyWarnings()}. */
    KeyRing keys() {
        keyWarnings.clear();
        return SecretFiles.keyRing(keyFiles, keyWarnings::add);
    }

    /** What {@link #keys()} found wrong but usable, such as a key file others may read. */
    List<String> keyWarnings() {
        return List.copyOf(keyWarnings);
    }
}
