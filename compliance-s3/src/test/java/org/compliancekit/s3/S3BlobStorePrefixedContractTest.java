package org.compliancekit.s3;

/**
 * The blob store contract for a store under a key prefix that sends SHA-256 checksums: the prefix must be invisible
 * in every key the store returns, and checksummed parts must complete like plain ones.
 */
class S3BlobStorePrefixedContractTest extends S3ContractCase {
    S3BlobStorePrefixedContractTest() {
        super(S3MockServer::shared, store -> store.withKeyPrefix("tenants/acme").withChecksumSha256(true).withListPageSize(11),
                S3BlobStoreBuilder.MIN_PART_SIZE + 1); // two parts, the last one a single byte
    }
}
