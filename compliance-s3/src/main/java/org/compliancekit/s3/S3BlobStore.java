package org.compliancekit.s3;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} in an S3 bucket: AWS S3, Cloudflare R2, MinIO or any other store that speaks the S3 API.
 * Build one with {@link #builder(String)}; see {@link S3BlobStoreBuilder} for every setting and its default.
 *
 * <p>Writes stream: an object smaller than one part goes up with a single PUT, a larger one as a multipart upload
 * holding at most two parts in memory, aborted on any failure. Listings are fetched lazily page by page, deletes go
 * in batches of at most 1,000 keys. Retries are the SDK's standard retry strategy, every request bounded by the
 * attempt and API call timeouts. After each write the store confirms what the server kept (each part's ETag against
 * the MD5 of the bytes sent, the object's size) and fails the object otherwise; the backup manifest's SHA-256 stays
 * the end-to-end check.
 *
 * <p>The store is safe for concurrent use; each output from {@link #put} belongs to one thread. Close the store to
 * release the client it built and its upload threads; a client passed in is left open.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client s3;
    private final boolean ownsClient;
    private final Location location;
    private final UploadSettings uploads;
    private final int listPageSize;
    private final int deleteBatchSize;
    private final Clock clock;
    private final ExecutorService partSenders;

    S3BlobStore(S3Client s3, boolean ownsClient, Location location, UploadSettings uploads, int listPageSize,
            int deleteBatchSize, Clock clock) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.location = location;
        this.uploads = uploads;
        this.listPageSize = listPageSize;
        this.deleteBatchSize = deleteBatchSize;
        this.clock = clock;
        this.partSenders = partSenders(location.bucket());
    }

    /** Starts configuring a store on {@code bucket}. */
    public static S3BlobStoreBuilder builder(String bucket) {
        return new S3BlobStoreBuilder(bucket);
    }

    @Override
    public BlobOutput put(String key) {
        if (partSenders.isShutdown()) {
            throw new IllegalStateException(this + " is closed");
        }
        return new StreamingUpload(s3, partSenders, uploads, location, key);
    }

    @Override
    public InputStream get(String key) {
        String objectKey = location.objectKey(key);
        try {
            return new ObjectInput(s3.getObject(r -> r.bucket(location.bucket()).key(objectKey)));
        } catch (SdkException e) {
            if (Failures.isMissingObject(e)) {
                throw new StorageException("object " + location.describe(objectKey) + " (key " + key + ") does not "
                        + "exist; check the key and the store's bucket and key prefix", e);
            }
            throw Failures.of("read", location.describe(objectKey), e);
        }
    }

    @Override
    public boolean exists(String key) {
        String objectKey = location.objectKey(key);
        try {
            s3.headObject(r -> r.bucket(location.bucket()).key(objectKey));
            return true;
        } catch (SdkException e) {
            if (Failures.isMissingObject(e)) {
                return false;
            }
            throw Failures.of("look up", location.describe(objectKey), e);
        }
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        String objectPrefix = location.listingPrefix(prefix);
        String listing = location.describe(objectPrefix) + "*";
        // The paginator fetches a page, the first one included, only when iteration reaches it, so a failure can
        // surface on any hasNext/next; both translate it.
        Iterator<BlobInfo> infos = new Iterator<>() {
            private Iterator<S3Object> objects;

            @Override
            public boolean hasNext() {
                try {
                    return objects().hasNext();
                } catch (SdkException e) {
                    throw Failures.of("list", listing, e);
                }
            }

            @Override
            public BlobInfo next() {
                try {
                    S3Object object = objects().next();
                    return new BlobInfo(location.storeKey(object.key()), object.size(), object.lastModified());
                } catch (SdkException e) {
                    throw Failures.of("list", listing, e);
                }
            }

            private Iterator<S3Object> objects() {
                if (objects == null) {
                    objects = s3.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(objectPrefix)
                            .maxKeys(listPageSize)).contents().iterator();
                }
                return objects;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(infos, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        List<String> objectKeys = keys.stream().map(location::objectKey).toList();
        List<DeleteFailure> failures = new ArrayList<>();
        for (int from = 0; from < objectKeys.size(); from += deleteBatchSize) {
            List<String> batch = objectKeys.subList(from, Math.min(objectKeys.size(), from + deleteBatchSize));
            failures.addAll(deleteBatch(batch));
        }
        return List.copyOf(failures);
    }

    /**
     * One {@code DeleteObjects} call. Keys the store refuses come back one by one; when the whole call fails, every
     * key of the batch is reported with that failure and the remaining batches are still tried.
     */
    private List<DeleteFailure> deleteBatch(List<String> batch) {
        List<ObjectIdentifier> ids = batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        try {
            DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(location.bucket())
                    .delete(d -> d.objects(ids).quiet(true)));
            return response.errors().stream()
                    .map(e -> new DeleteFailure(location.storeKey(e.key()), e.code() + ": " + e.message()))
                    .toList();
        } catch (SdkException e) {
            String reason = Failures.of("delete", "from bucket " + location.bucket(), e).getMessage();
            LOG.warn("Could not delete a batch of {} objects from bucket {}: {}", batch.size(), location.bucket(),
                    Failures.reason(e));
            return batch.stream().map(k -> new DeleteFailure(location.storeKey(k), reason)).toList();
        }
    }

    /**
     * Aborts multipart uploads under this store's key prefix that started more than {@code olderThan} ago. An upload
     * that failed while the store was unreachable could not be aborted at the time; this removes its parts, which
     * are billed until then. A bucket lifecycle rule ({@code AbortIncompleteMultipartUpload}) does the same on the
     * server side.
     *
     * Pick {@code olderThan} well beyond the longest upload, as uploads still in progress elsewhere look the same.
     * Uploads whose start time the store does not report are left alone.
     *
     * @return how many uploads were aborted
     */
    public int abortIncompleteUploads(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be zero or positive, was " + olderThan);
        }
        Instant cutoff = clock.instant().minus(olderThan);
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                    r -> r.bucket(location.bucket()).prefix(location.prefix())).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                    s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(upload.key())
                            .uploadId(upload.uploadId()));
                    aborted++;
                }
            }
        } catch (SdkException e) {
            throw Failures.of("abort incomplete uploads under", location.describe(location.prefix()), e);
        }
        return aborted;
    }

    /** Stops the part upload threads and closes the S3 client if this store built it. */
    @Override
    public void close() {
        partSenders.shutdown();
        if (ownsClient) {
            s3.close();
        }
    }

    /** The client this store sends its requests with. */
    S3Client client() {
        return s3;
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + location.describe(location.prefix()) + "]";
    }

    /** Daemon threads, created on demand and dropped when idle, each sending one part of one upload at a time. */
    private static ExecutorService partSenders(String bucket) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "compliance-s3-" + bucket + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
