package org.compliancekit.s3;

import org.compliancekit.StorageException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK exceptions into {@link StorageException}s that say what failed, on which object, and what usually
 * fixes it. The SDK's own messages name the service error code and request id, never credentials, so they are
 * safe to carry along.
 */
final class Failures {
    private Failures() {
    }

    static StorageException of(String action, String object, SdkException e) {
        return new StorageException("could not " + action + " " + object + ": " + reason(e) + hint(e), e);
    }

    /** The short cause: the S3 error code and HTTP status, or the client-side failure. */
    static String reason(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + ")";
        }
        if (e instanceof SdkServiceException service) {
            return "HTTP " + service.statusCode();
        }
        return e.getMessage();
    }

    private static String hint(SdkException e) {
        if (e instanceof NoSuchBucketException) {
            return "; create the bucket or correct the bucket setting";
        }
        if (e instanceof SdkServiceException service && (service.statusCode() == 401 || service.statusCode() == 403)) {
            return "; check that the credentials may read, write, list and delete in this bucket";
        }
        if (e instanceof SdkClientException) {
            return "; check the endpoint, the network and the credentials configuration";
        }
        return "";
    }

    /** Whether {@code e} says the object (not the bucket) does not exist. */
    static boolean isMissingObject(SdkException e) {
        // A HEAD answers 404 without a body, so a missing bucket looks like a missing object there; GET and the
        // listing calls name the bucket, and those report it.
        return e instanceof SdkServiceException service && service.statusCode() == 404
                && !(e instanceof NoSuchBucketException);
    }
}
