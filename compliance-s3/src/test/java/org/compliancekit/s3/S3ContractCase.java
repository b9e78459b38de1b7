package org.compliancekit.s3;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.compliancekit.store.BlobStore;
import org.compliancekit.tck.BlobStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The blob store contract against one S3-compatible server (S3Mock or s3rver) for one store configuration, on a bucket of its own, with the smallest
 * part size S3 allows so that the contract's large object goes up in several parts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3ContractCase extends BlobStoreContractTest {
    private final Supplier<S3TestServer> server;
    private final UnaryOperator<S3BlobStoreBuilder> settings;
    private final long largeObjectBytes;
    private S3BlobStore store;

    S3ContractCase(Supplier<S3TestServer> server, UnaryOperator<S3BlobStoreBuilder> settings, long largeObjectBytes) {
        this.server = server;
        this.settings = settings;
        this.largeObjectBytes = largeObjectBytes;
    }

    @BeforeAll
    void startStore() {
        store = settings.apply(server.get().storeWithNewBucket("contract-" + UUID.randomUUID())
                .withPartSize(S3BlobStoreBuilder.MIN_PART_SIZE)).build();
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected long largeObjectBytes() {
        return largeObjectBytes;
    }
}
