package org.compliancekit.s3;

import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * How objects are written: the part size and the headers every new object carries.
 *
 * @param partSize bytes per part of a multipart upload; every part but the last has exactly this size
 * @param encryption the server-side encryption to request, or {@code null} for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms} encryption, or {@code null} for the account's default key
 * @param checksumSha256 whether to send {@code x-amz-checksum-sha256} with each object or part
 * @param maxParts the most parts one upload may have; S3 allows 10,000
 * @param awsChunked whether parts may carry checksum trailers (aws-chunked); otherwise each object and part
 *        carries {@code Content-MD5}
 */
record UploadSettings(long partSize, ServerSideEncryption encryption, String kmsKeyId, boolean checksumSha256,
        int maxParts, boolean awsChunked) {

    static final int S3_MAX_PARTS = 10_000;

    PutObjectRequest.Builder decorate(PutObjectRequest.Builder request) {
        return request.serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId);
    }

    CreateMultipartUploadRequest.Builder decorate(CreateMultipartUploadRequest.Builder request) {
        return request.serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId).checksumAlgorithm(partChecksum());
    }

    /**
     * The checksum every part of a multipart upload carries, declared when the upload is created. Declaring one
     * explicitly, CRC32 unless SHA-256 was asked for, keeps creation, parts and completion consistent whatever
     * checksum defaults the S3 client was built with; a store rejects a completion whose parts disagree with the
     * upload. This is what the SDK's own multipart client does.
     */
    ChecksumAlgorithm partChecksum() {
        return checksumSha256 ? ChecksumAlgorithm.SHA256 : awsChunked ? ChecksumAlgorithm.CRC32 : null;
    }

    /**
     * Whether a single PUT's or a part's ETag is the MD5 of its bytes, so that it shows what the store kept: not
     * under SSE-KMS, whose ETags are opaque.
     */
    boolean etagIsMd5() {
        return encryption != ServerSideEncryption.AWS_KMS && encryption != ServerSideEncryption.AWS_KMS_DSSE;
    }
}
