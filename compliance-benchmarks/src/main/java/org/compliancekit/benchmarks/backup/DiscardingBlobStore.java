package org.compliancekit.benchmarks.backup;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
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
        throw new UnsupportedOperationException("nothing is kept");
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
