package org.compliancekit.tck;

import org.compliancekit.store.BlobStore;
import org.compliancekit.store.InMemoryBlobStore;

class InMemoryBlobStoreContractTest extends BlobStoreContractTest {
    private final InMemoryBlobStore store = new InMemoryBlobStore();

    @Override
    protected BlobStore store() {
        return store;
    }
}
