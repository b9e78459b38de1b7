package org.compliancekit.backup;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore;

/** A blob store that hands every call to another; tests override the calls they watch or break. */
class ForwardingBlobStore implements BlobStore {
    private final BlobStore delegate;

    ForwardingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public BlobOutput put(String key) {
        return delegate.put(key);
    }

    @Override
    public InputStream get(String key) {
        return delegate.get(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        return delegate.delete(keys);
    }
}
