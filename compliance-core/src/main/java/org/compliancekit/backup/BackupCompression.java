package org.compliancekit.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.compliancekit.ConfigurationException;

/**
 * How table files are compressed before they are encrypted; recorded in each manifest, so a backup is read back
 * the way it was written whatever the setting is now.
 */
public enum BackupCompression {
    /** Plain JSON; the files are as large as the data. */
    NONE,
    /**
     * Zstandard (RFC 8878) at level {@value #ZSTD_LEVEL}: one frame per file, decodable with the {@code zstd}
     * command. JSON rows shrink to about a third at a few hundred MB/s per core.
     */
    ZSTD;

    /** The zstd level written; any level decodes the same way. */
    public static final int ZSTD_LEVEL = 1;

    /** The name in policy files and manifests: {@code none} or {@code zstd}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression named {@code name} ({@code none} or {@code zstd}), or a configuration error naming it. */
    public static BackupCompression fromWireName(String name) {
        for (BackupCompression c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        throw new ConfigurationException("backup.compression must be 'zstd' or 'none', was '" + name + "'");
    }

    /** Compresses what is written to the result into {@code out}; closing the result closes {@code out}. */
    OutputStream compress(OutputStream out) throws IOException {
        return this == NONE ? out : new ZstdOutputStream(out, ZSTD_LEVEL);
    }

    /** Decompresses {@code in}, reading it to its end. */
    InputStream decompress(InputStream in) throws IOException {
        return this == NONE ? in : new ZstdInputStream(in);
    }
}
