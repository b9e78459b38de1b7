package org.compliancekit.store;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * Object storage for backups: local folders, S3, R2, MinIO. Keys are {@code /}-separated paths such as
 * {@code backups/main/2026-03-01/manifest.json}. Implementations stream: neither put nor get holds an object in
 * memory.
 */
public interface BlobStore {

    /**
     * Opens a stream that writes the object at {@code key}; the length need not be known. The object becomes
     * visible only when the stream is closed successfully; call {@link BlobOutput#abort()} on failure to drop
     * everything written so far. An existing object at {@code key} is replaced on close.
     */
    BlobOutput put(String key);

    /**
     * Opens the object at {@code key} for reading.
     *
     * @throws org.compliancekit.StorageException naming the key when it does not exist
     */
    InputStream get(String key);

    /** Whether an object exists at {@code key}. */
    boolean exists(String key);

    /**
     * Objects whose key starts with {@code prefix}, in key order, fetched lazily page by page. Close the stream
     * (try-with-resources) to release the listing.
     */
    Stream<BlobInfo> list(String prefix);

    /**
     * Deletes the given keys in batches; a key that does not exist counts as deleted.
     *
     * @return the keys that could not be deleted, each with its error; empty on full success
     */
    List<DeleteFailure> delete(List<String> keys);

    /**
     * Writes under {@code prefix} (a folder, ending in {@code /}) that were never finished, because the writer was
     * killed or its abort failed: temporary files, for example. {@link #list} does not show them, yet they take
     * space and mark their folder as used. Each key is only good for {@link #deleteUnfinished}. Default: none,
     * for stores whose unfinished writes leave nothing behind.
     */
    default Stream<BlobInfo> listUnfinished(String prefix) {
        return Stream.empty();
    }

    /**
     * Removes unfinished writes that {@link #listUnfinished} returned; a key that no longer exists counts as removed.
     *
     * @return the keys that could not be removed, each with its error; empty on full success
     */
    default List<DeleteFailure> deleteUnfinished(List<String> keys) {
        return keys.stream().map(k -> new DeleteFailure(k, "this store has no unfinished writes")).toList();
    }

    /** An object's key, size and last-modified time. */
    record BlobInfo(String key, long size, java.time.Instant lastModified) {
        public BlobInfo {
            java.util.Objects.requireNonNull(key, "key");
        }
    }

    /** A key that could not be deleted and why. */
    record DeleteFailure(String key, String error) {
    }

    /** A write in progress: close to publish, abort to discard. */
    abstract class BlobOutput extends OutputStream {
        /** Discards everything written; the key keeps its previous state. Safe to call more than once. */
        public abstract void abort();
    }
}
