package org.compliancekit.s3;

import java.util.UUID;
import org.compliancekit.store.BlobStore;
import org.compliancekit.tck.BlobStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The blob store contract against a real S3 API server, with the smallest part size S3 allows and small listing
 * and delete batches, so that multipart uploads, several listing pages and several delete batches all happen.
 */
class S3BlobStoreContractTest extends BlobStoreContractTest {
    private static S3BlobStore store;

    @BeforeAll
    static void startStore() {
        store = S3MockServer.shared().storeWithNewBucket("contract-" + UUID.randomUUID())
                .withPartSize(S3BlobStoreBuilder.MIN_PART_SIZE)
                .withListPageSize(7)
                .withDeleteBatchSize(9)
                .build();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected long largeObjectBytes() {
        return 2 * S3BlobStoreBuilder.MIN_PART_SIZE + 17; // three parts, the last one short
    }
}
