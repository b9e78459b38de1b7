package org.compliancekit.s3;

/**
 * The blob store contract with small listing pages and delete batches, so that multipart uploads, several listing
 * pages and several delete calls all happen.
 */
class S3BlobStoreContractTest extends S3ContractCase {
    S3BlobStoreContractTest() {
        super(S3MockServer::shared, store -> store.withListPageSize(7).withDeleteBatchSize(9),
                2 * S3BlobStoreBuilder.MIN_PART_SIZE + 17); // three parts, the last one short
    }
}
