package org.compliancekit.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's content. Closing it before the end aborts the HTTP response instead of letting the connection pool
 * drain the rest, which for a large backup file would download everything that was not wanted.
 */
final class ObjectInput extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private long remaining;

    ObjectInput(ResponseInputStream<GetObjectResponse> response) {
        super(response);
        this.response = response;
        Long length = response.response().contentLength();
        this.remaining = length == null ? Long.MAX_VALUE : length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        remaining = b < 0 ? 0 : remaining - 1;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        remaining = n < 0 ? 0 : remaining - n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (remaining > 0) {
            response.abort();
        }
        super.close();
    }
}
