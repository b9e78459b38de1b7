package org.compliancekit.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes one object of unknown length. Bytes collect in a part buffer; an object that ends within the first part
 * goes up with a single PUT. Otherwise a multipart upload starts, each full part is sent on a background thread
 * while the caller fills the next, so at most two parts are held in memory. Every part but the last has exactly the
 * configured size (R2 rejects uneven parts). Any failure, and {@link #abort()}, aborts the multipart upload so no
 * parts are left behind to be billed.
 *
 * <p>What the store kept is checked, not assumed: each PUT's and part's ETag must be the MD5 of the bytes sent
 * (where ETags are MD5s), and once the object is complete its size must be the number of bytes written. A store
 * that kept something else, e.g. aws-chunked framing it did not understand, fails the object, which is deleted.
 */
final class StreamingUpload extends BlobOutput {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingUpload.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final String CHUNKED_HINT = "; if the store does not accept aws-chunked uploads, turn them off "
            + "(S3BlobStoreBuilder.withAwsChunkedEncoding(false), CLI --s3-aws-chunked=false)";

    private final S3Client s3;
    private final ExecutorService uploads;
    private final UploadSettings settings;
    private final String bucket;
    private final String objectKey;
    private final String object;

    private PartBuffer filling;
    private PartBuffer spare;
    private PartBuffer sending;
    private Future<CompletedPart> inFlight;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final byte[] single = new byte[1];
    private long written;
    private boolean finished;

    StreamingUpload(S3Client s3, ExecutorService uploads, UploadSettings settings, Location location, String key) {
        this.s3 = s3;
        this.uploads = uploads;
        this.settings = settings;
        this.bucket = location.bucket();
        this.objectKey = location.objectKey(key);
        this.object = location.describe(objectKey);
        this.filling = new PartBuffer(settings.partSize());
    }

    @Override
    public void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("upload of " + object + " is already closed or aborted");
        }
        try {
            while (len > 0) {
                // A full part is sent only once more bytes arrive, so an object of exactly one part is a single PUT
                // and the last part of a multipart upload is never empty.
                if (filling.isFull()) {
                    sendFilledPart();
                }
                int n = filling.fill(b, off, len);
                written += n;
                off += n;
                len -= n;
            }
        } catch (RuntimeException e) {
            throw fail("upload", e);
        } catch (Error e) {
            abandon(null);
            throw e;
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (uploadId == null) {
                putWhole();
            } else {
                sendFilledPart();
                awaitInFlight();
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
                uploadId = null; // completed: nothing left to abort
            }
            confirmStored();
            finished = true;
            release();
        } catch (RuntimeException e) {
            throw fail("complete the upload of", e);
        } catch (Error e) {
            abandon(null);
            throw e;
        }
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        abandon(null);
    }

    private void putWhole() {
        PutObjectRequest.Builder request = settings.decorate(PutObjectRequest.builder())
                .bucket(bucket).key(objectKey).contentLength(filling.size()).contentType(CONTENT_TYPE);
        if (settings.checksumSha256()) {
            request.checksumSHA256(filling.sha256Base64());
        }
        byte[] md5 = filling.md5();
        if (!settings.awsChunked()) {
            request.contentMD5(Base64.getEncoder().encodeToString(md5));
        }
        String etag = s3.putObject(request.build(), body(filling)).eTag();
        try {
            checkEtag(etag, md5, object);
        } catch (StorageException e) {
            discardStored();
            throw e;
        }
    }

    /** Fails when an ETag that is an MD5 is not the MD5 of the bytes sent. */
    private void checkEtag(String etag, byte[] md5, String what) {
        String tag = etag == null ? "" : etag.replace("\"", "");
        if (settings.etagIsMd5() && tag.matches("[0-9a-fA-F]{32}") && !tag.equalsIgnoreCase(HexFormat.of().formatHex(md5))) {
            throw new StorageException("the store kept other bytes than were sent for " + what + " (its ETag is not "
                    + "the MD5 of the data); the object was not written" + CHUNKED_HINT);
        }
    }

    /** Deletes an object the store kept wrongly, so that nothing reads it as good. */
    private void discardStored() {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            LOG.warn("Could not delete {}, which the store kept wrongly ({})", object, Failures.reason(e));
        }
    }

    /** Compares the stored object's size, and part count, with what was written; deletes an object that differs. */
    private void confirmStored() {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(objectKey));
        String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
        int dash = etag.lastIndexOf('-');
        String partCount = dash < 0 ? null : etag.substring(dash + 1);
        boolean sizeOk = head.contentLength() != null && head.contentLength() == written;
        boolean partsOk = parts.isEmpty() || partCount == null || !partCount.matches("[0-9]+")
                || Integer.parseInt(partCount) == parts.size();
        if (!sizeOk || !partsOk) {
            discardStored();
            throw new StorageException("the store kept " + head.contentLength() + " bytes"
                    + (partsOk ? "" : " in " + partCount + " parts") + " for " + object + " after " + written
                    + " bytes" + (parts.isEmpty() ? "" : " in " + parts.size() + " parts") + " were written; the "
                    + "object was deleted" + CHUNKED_HINT);
        }
    }

    private void sendFilledPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> settings.decorate(r.bucket(bucket).key(objectKey)
                    .contentType(CONTENT_TYPE))).uploadId();
        }
        awaitInFlight();
        if (parts.size() == settings.maxParts()) {
            throw new StorageException(object + " would need more than " + settings.maxParts() + " parts of "
                    + settings.partSize() + " bytes, the most S3 accepts; raise the part size (withPartSize)");
        }
        PartBuffer part = filling;
        filling = spare != null ? spare : new PartBuffer(settings.partSize());
        spare = null;
        int number = parts.size() + 1;
        sending = part;
        inFlight = uploads.submit(() -> uploadPart(number, part));
    }

    private CompletedPart uploadPart(int number, PartBuffer part) {
        UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket).key(objectKey)
                .uploadId(uploadId).partNumber(number).contentLength(part.size());
        if (settings.checksumSha256()) {
            request.checksumSHA256(part.sha256Base64());
        } else {
            request.checksumAlgorithm(settings.partChecksum());
        }
        byte[] md5 = part.md5();
        if (!settings.awsChunked()) {
            request.contentMD5(Base64.getEncoder().encodeToString(md5));
        }
        UploadPartResponse response = s3.uploadPart(request.build(), body(part));
        checkEtag(response.eTag(), md5, "part " + number + " of " + object);
        // The part's checksum must be repeated on completion, or S3 reports the part as missing.
        return CompletedPart.builder().partNumber(number).eTag(response.eTag())
                .checksumCRC32(response.checksumCRC32()).checksumSHA256(response.checksumSHA256()).build();
    }

    /** Waits for the part on its way, adds it to the completed list and keeps its buffer for reuse. */
    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            parts.add(inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while uploading part " + (parts.size() + 1) + " of " + object, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("could not upload part " + (parts.size() + 1) + " of " + object, cause);
        } finally {
            inFlight = null;
        }
        sending.clear();
        spare = sending;
        sending = null;
    }

    private StorageException fail(String action, RuntimeException e) {
        StorageException failure = e instanceof SdkException sdk ? Failures.of(action, object, sdk)
                : e instanceof StorageException storage ? storage
                : new StorageException("could not " + action + " " + object + ": " + e, e);
        abandon(failure);
        return failure;
    }

    private void abandon(StorageException failure) {
        finished = true;
        abortQuietly(failure);
        release();
    }

    /**
     * Aborts the multipart upload, if one was started, after the part in flight has settled: S3 may keep a part
     * that is still arriving when the abort lands. A failed abort is logged and, during a failed upload, attached
     * to the exception, since the original failure is the one to report.
     */
    private void abortQuietly(StorageException failure) {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The upload is being abandoned; the part's own failure adds nothing.
            }
            inFlight = null;
        }
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("Could not abort multipart upload {} of {} ({}); its parts stay stored until a lifecycle rule "
                    + "or S3BlobStore.abortIncompleteUploads removes them", uploadId, object, Failures.reason(e));
            if (failure != null) {
                failure.addSuppressed(Failures.of("abort multipart upload " + uploadId + " of", object, e));
            }
        }
    }

    private void release() {
        filling = null;
        spare = null;
        sending = null;
    }

    private static RequestBody body(PartBuffer part) {
        return RequestBody.fromContentProvider(part::newStream, part.size(), CONTENT_TYPE);
    }
}
