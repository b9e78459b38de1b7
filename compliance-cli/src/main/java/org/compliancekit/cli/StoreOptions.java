package org.compliancekit.cli;

import java.net.URI;
import java.nio.file.Path;
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

    @Option(names = "--key-file", paramLabel = "<[id:]file>",
            description = "A base64 32-byte backup key; repeat for rotation, the first is primary. "
                    + "The key id is the file name without extension unless given as id:file.")
    List<String> keyFiles = List.of();

    @Option(names = "--name", paramLabel = "<name>",
            description = "Backup set name; default the policy's backup name, main.")
    String name;

    /** The backup store; S3 credentials come from the AWS default chain. */
    BlobStore open() {
        if (store == null || store.isBlank()) {
            throw new ConfigurationException("--store is required: a directory or s3://bucket/prefix");
        }
        if (!store.startsWith("s3://")) {
            if (s3Endpoint != null || s3Region != null || s3PathStyle) {
                throw new ConfigurationException("--s3-endpoint, --s3-region and --s3-path-style apply to an "
                        + "s3:// --store only; --store " + store + " is a directory");
            }
            return FileSystemBlobStore.at(Path.of(store));
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
        return b.build();
    }

    /** The key ring from {@code --key-file}; empty when none was given. */
    KeyRing keys() {
        return SecretFiles.keyRing(keyFiles);
    }
}
