package org.compliancekit.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.SqlType;

/**
 * The manifest of one backup folder, as stored in {@code manifest.json}; {@code docs/backup-format.md} specifies
 * every field. Written last: its presence marks the folder complete.
 */
record Manifest(
        int format,
        String name,
        String folder,
        String createdAt,
        String libraryVersion,
        String status,
        Encryption encryption,
        List<FileEntry> files,
        List<String> excludedTables,
        List<Failure> failedTables,
        Checkpoint auditCheckpoint,
        @JsonInclude(JsonInclude.Include.NON_NULL) String compression,
        @JsonInclude(JsonInclude.Include.NON_NULL) Mac mac) {

    /**
     * Format written. Format 3 adds the value encodings for type fidelity and schema-qualified table names
     * ({@link org.compliancekit.store.TableId}); format 2 added {@code compression}; format 1 (no
     * {@code compression} member: files are not compressed) and 2 are still read. A reader refuses a higher
     * format, so an older library never reads a newer backup's values differently.
     */
    static final int FORMAT = 3;

    Manifest {
        files = List.copyOf(files);
        excludedTables = List.copyOf(excludedTables);
        failedTables = List.copyOf(failedTables);
    }

    Manifest withMac(Mac mac) {
        return new Manifest(format, name, folder, createdAt, libraryVersion, status, encryption, files, excludedTables,
                failedTables, auditCheckpoint, compression, mac);
    }

    /** How the table files are compressed; format 1 manifests name none and mean none. */
    BackupCompression fileCompression() {
        return compression == null ? BackupCompression.NONE : BackupCompression.fromWireName(compression);
    }

    BackupStatus backupStatus() {
        return BackupStatus.fromWireName(status);
    }

    long rows() {
        return files.stream().mapToLong(FileEntry::rows).sum();
    }

    long storedBytes() {
        return files.stream().mapToLong(FileEntry::storedBytes).sum();
    }

    /** How table files are encrypted; {@code null} in the manifest when they are plain JSON. */
    record Encryption(String algorithm, int segmentSize) {
        static final String ALGORITHM = "AES-256-GCM-HKDF-SHA256-SEGMENTED";
    }

    /** One table file. */
    record FileEntry(
            String table,
            String objectKey,
            long rows,
            String plaintextSha256,
            String storedSha256,
            long storedBytes,
            String keyId,
            List<String> primaryKey,
            List<Column> columns) {
        FileEntry {
            primaryKey = List.copyOf(primaryKey);
            columns = List.copyOf(columns);
        }

        List<ColumnSchema> columnSchemas() {
            return columns.stream().map(Column::toSchema).toList();
        }
    }

    /** One column of a table file, in file order. */
    record Column(String name, String type, String nativeType, boolean nullable, int size, int scale,
            String elementType, boolean autoIncrement) {

        static Column of(ColumnSchema c) {
            return new Column(c.name(), c.type().name(), c.nativeType(), c.nullable(), c.size(), c.scale(),
                    c.elementType() == null ? null : c.elementType().name(), c.autoIncrement());
        }

        ColumnSchema toSchema() {
            return new ColumnSchema(name, SqlType.valueOf(type), nativeType, nullable, size, scale,
                    elementType == null ? null : SqlType.valueOf(elementType), autoIncrement);
        }
    }

    /** A table that could not be backed up. */
    record Failure(String table, String error) {
    }

    /** The audit chain's signed head when the backup ran. */
    record Checkpoint(long sequence, String headHash, String createdAt, String keyId, String signature) {
    }

    /** HMAC-SHA256 over the manifest without this field. */
    record Mac(String algorithm, String keyId, String value) {
        static final String ALGORITHM = "HMAC-SHA256";
    }
}
