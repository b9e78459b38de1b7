package org.compliancekit.s3;

/** The blob store contract on s3rver under a key prefix, with SHA-256 checksums sent as plain headers. */
class S3rverPrefixedContractTest extends S3ContractCase {
    S3rverPrefixedContractTest() {
        super(S3rverServer::shared, store -> store.withKeyPrefix("tenants/acme").withChecksumSha256(true)
                .withListPageSize(11), S3BlobStoreBuilder.MIN_PART_SIZE + 1);
    }
}
