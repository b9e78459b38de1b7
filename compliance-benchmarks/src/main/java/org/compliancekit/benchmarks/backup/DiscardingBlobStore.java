package org.compliancekit.benchmarks.backup;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore;

/** Accepts writes and keeps nothing, so a benchmark sees encoding cost without storage cost. */
final class DiscardingBlobStore implements BlobStore {
    @Override
    public BlobOutput put(String key) {
        return new BlobOutput() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public InputStream get(String key) {
        // Nothing is kept, so every key is missing, as the BlobStore contract words it.
        throw new StorageException("object " + key + " does not exist: the discarding store keeps no objects");
    }

    @Override
    public boolean exists(String key) {
        return false;
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        return Stream.empty();
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        return List.of();
    }
}
