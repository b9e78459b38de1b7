package org.compliancekit.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore;

/**
 * A blob store that reports the bytes objects move to a {@link ProgressLine}, for the megabytes and the rate; the
 * backup engine reports tables and rows itself.
 */
final class ProgressBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final ProgressLine progress;

    ProgressBlobStore(BlobStore delegate, ProgressLine progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    @Override
    public BlobOutput put(String key) {
        BlobOutput out = delegate.put(key);
        return new BlobOutput() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                progress.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                progress.add(len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }

            @Override
            public void abort() {
                out.abort();
            }
        };
    }

    @Override
    public InputStream get(String key) {
        InputStream in = delegate.get(key);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.add(n);
                }
                return n;
            }
        };
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public List<DeleteFailure> delete(List<String> keys) {
        return delegate.delete(keys);
    }

    @Override
    public Stream<BlobInfo> listUnfinished(String prefix) {
        return delegate.listUnfinished(prefix);
    }

    @Override
    public List<DeleteFailure> deleteUnfinished(List<String> keys) {
        return delegate.deleteUnfinished(keys);
    }

    /** Ends the progress line. */
    void finish() {
        progress.finish();
    }
}
