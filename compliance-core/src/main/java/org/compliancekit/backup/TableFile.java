package org.compliancekit.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.compliancekit.IntegrityException;
import org.compliancekit.StorageException;
import org.compliancekit.store.RowCursor;

/**
 * Reading one table file back: decrypting and decompressing when the manifest says so, decoding rows, and, once the last row is read,
 * checking row count and both checksums against the manifest entry.
 */
final class TableFile implements RowCursor {
    private final Manifest.FileEntry entry;
    private final Checksums.In stored;
    private final Checksums.In plain;
    private final RowCursor rows;
    private long count;
    private boolean checked;

    private TableFile(Manifest.FileEntry entry, Checksums.In stored, Checksums.In plain, RowCursor rows) {
        this.entry = entry;
        this.stored = stored;
        this.plain = plain;
        this.rows = rows;
    }

    /**
     * Why {@code entry}'s object key cannot be read as a file of {@code manifest}'s backup (it lies outside the
     * backup's folder), or {@code null} when it can.
     */
    static String misplaced(BackupContext ctx, Manifest manifest, Manifest.FileEntry entry) {
        String key = entry.objectKey();
        return key.startsWith(ctx.layout().prefix() + manifest.folder() + "/") ? null
                : "manifest of " + manifest.folder() + " points table " + entry.table() + " at " + key
                        + ", outside its folder";
    }

    static TableFile open(BackupContext ctx, Manifest manifest, Manifest.FileEntry entry) {
        String key = entry.objectKey();
        String misplaced = misplaced(ctx, manifest, entry);
        if (misplaced != null) {
            throw new IntegrityException(misplaced);
        }
        InputStream raw = ctx.blobStore().get(key);
        Checksums.In stored = new Checksums.In(raw);
        try {
            InputStream opened = manifest.encryption() == null ? stored
                    : ctx.aead().decrypt(stored, key, manifest.encryption().segmentSize());
            BackupCompression compression = manifest.fileCompression();
            Checksums.In plain = opened == stored && compression == BackupCompression.NONE ? stored
                    : new Checksums.In(compression.decompress(opened));
            return new TableFile(entry, stored, plain, Snapshot.read(plain, entry.table(), entry.columnSchemas(), key));
        } catch (IOException | RuntimeException e) {
            close(raw);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException("cannot read " + key, e);
        }
    }

    @Override
    public List<String> columns() {
        return rows.columns();
    }

    @Override
    public Object[] next() {
        Object[] r = rows.next();
        if (r != null) {
            count++;
        } else if (!checked) {
            checked = true;
            check();
        }
        return r;
    }

    /** Reads every remaining row; returns the total. */
    long drain() {
        while (next() != null) {
            // each row is decoded, so a value that does not match its column type is caught too
        }
        return count;
    }

    private void check() {
        String key = entry.objectKey();
        if (count != entry.rows()) {
            throw new IntegrityException(key + " holds " + count + " rows, the manifest says " + entry.rows());
        }
        if (stored.bytes() != entry.storedBytes()) {
            throw new IntegrityException(key + " is " + stored.bytes() + " bytes, the manifest says "
                    + entry.storedBytes() + "; the file was replaced or damaged");
        }
        if (!stored.hex().equals(entry.storedSha256())) {
            throw new IntegrityException(key + " does not match the SHA-256 in the manifest; the file was replaced "
                    + "or damaged");
        }
        String plainHex = plain == stored ? entry.storedSha256() : plain.hex();
        if (!plainHex.equals(entry.plaintextSha256())) {
            throw new IntegrityException(key + " decrypts to content whose SHA-256 differs from the manifest");
        }
    }

    @Override
    public void close() {
        rows.close();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing; the original error is the one to report
        }
    }
}
