package org.compliancekit.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.compliancekit.StorageException;
import org.compliancekit.store.support.Keys;

/**
 * A {@link BlobStore} in memory, for tests. Objects appear atomically on close, like in S3.
 */
public final class InMemoryBlobStore implements BlobStore {
    private record Blob(byte[] data, Instant modified) {
    }

    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public BlobOutput put(String key) {
        Keys.check(key);
        return new BlobOutput() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private boolean done;

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    blobs.put(key, new Blob(buffer.toByteArray(), clock.instant()));
                }
            }

            @Override
            public void abort() {
                done = true;
            }
        };
    }

    @Override
    public InputStream get(String key) {
        Blob b = blobs.get(key);
        if (b == null) {
            throw new StorageException("object " + key + " does not exist");
        }
        return new ByteArrayInputStream(b.data());
    }

    @Override
    public boolean exists(String key) {
        return blobs.containsKey(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        return blobs.tailMap(prefix, true).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> new BlobInfo(e.getKey(), e.getValue().data().length, e.getValue().modified()));
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        keys.forEach(blobs::remove);
        return List.of();
    }

    /** Every key currently stored, for assertions. */
    public List<String> keys() {
        return new ArrayList<>(blobs.keySet());
    }

    /** Replaces the stored bytes of {@code key} without changing its time: lets tests simulate tampering. */
    public void overwrite(String key, byte[] data) {
        Blob b = blobs.get(key);
        blobs.put(key, new Blob(data.clone(), b == null ? clock.instant() : b.modified()));
    }

    /** The stored bytes of every object, keyed by object key. */
    public Map<String, byte[]> snapshot() {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        blobs.forEach((k, v) -> out.put(k, v.data().clone()));
        return out;
    }
}
