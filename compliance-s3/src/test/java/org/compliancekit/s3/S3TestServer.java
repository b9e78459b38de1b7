package org.compliancekit.s3;

import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** An S3-compatible server the tests started themselves: S3Mock or s3rver. */
interface S3TestServer {
    URI endpoint();

    /** A client builder set up for this server, for the test's own checks, independent of the store under test. */
    S3ClientBuilder clientBuilder();

    /** A client for the test's own checks. */
    default S3Client client() {
        return clientBuilder().build();
    }

    /** A store builder pointed at this server, with a new bucket created for it. */
    default S3BlobStoreBuilder storeWithNewBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return storeOn(bucket);
    }

    /** A store builder for an existing bucket of this server. */
    S3BlobStoreBuilder storeOn(String bucket);
}
