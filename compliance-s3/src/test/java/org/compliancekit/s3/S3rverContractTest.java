package org.compliancekit.s3;

/**
 * The blob store contract on s3rver, a second S3-compatible implementation that, unlike S3Mock, does not accept
 * aws-chunked uploads: with the store's defaults for a custom endpoint every object must come back byte for byte.
 */
class S3rverContractTest extends S3ContractCase {
    S3rverContractTest() {
        super(S3rverServer::shared, store -> store.withListPageSize(7).withDeleteBatchSize(9),
                2 * S3BlobStoreBuilder.MIN_PART_SIZE + 17);
    }
}
