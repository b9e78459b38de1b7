package org.compliancekit.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.FailureMessages;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.crypto.SegmentedAesGcm;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableId;
import org.compliancekit.store.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup: every table not excluded, each streamed from one consistent snapshot into its own file, then the
 * manifest. Tables are read in parallel over sibling views of that snapshot when the store offers them and the
 * settings allow ({@link BackupSettings#parallelism()}). A table that fails is recorded and the others go on.
 */
final class BackupRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRun.class);

    private final BackupContext ctx;
    private final Layout layout;

    private final String actor;
    private final boolean dryRun;

    BackupRun(BackupContext ctx, String actor, boolean dryRun) {
        this.ctx = ctx;
        this.layout = ctx.layout();
        this.actor = actor;
        this.dryRun = dryRun;
    }

    BackupResult run() {
        Instant start = ctx.clock().instant();
        BackupSettings settings = ctx.settings();
        if (settings.encrypted() && ctx.keys().isEmpty()) {
            String error = "backup '" + settings.name() + "' is set to encrypt but no key is configured; give one with "
                    + "withKeys(..) (openssl rand -base64 32) or set backup.encrypted to false";
            audit(AuditStatus.FAILED, "backup " + settings.name() + " refused: no encryption key",
                    Map.of("name", settings.name(), "error", error), Duration.ZERO);
            throw new ConfigurationException(error);
        }
        SegmentedAesGcm aead = settings.encrypted() ? ctx.aead() : null;
        SchemaDescription schema = ctx.dataStore().describe();
        List<String> excluded = new ArrayList<>();
        List<String> included = new ArrayList<>();
        java.util.Optional<String> defaultSchema = ctx.dataStore().defaultSchema();
        for (TableSchema t : schema.tables()) {
            boolean left = settings.excludes(t.name()) || !settings.coversSchemaOf(t.name(), defaultSchema);
            (left ? excluded : included).add(t.name());
        }
        requireConfiguredSchemasSeen(settings, schema, defaultSchema);
        String folder = layout.newFolder(ctx.blobStore(), start);
        if (dryRun) {
            return planOnly(settings, folder, included, excluded, start);
        }
        List<Manifest.FileEntry> files = new ArrayList<>();
        List<TableFailure> failures = new ArrayList<>();
        int connections;
        try (ReadView view = ctx.dataStore().openReadView()) {
            TableWorkers.Run<Manifest.FileEntry> run = TableWorkers.run(view, included,
                    settings.parallelismFor(included.size()),
                    (v, table) -> backUpTable(v, schema.require(table), folder, aead));
            connections = run.views();
            for (TableWorkers.Outcome<Manifest.FileEntry> o : run.outcomes()) {
                if (o.error() == null) {
                    files.add(o.value());
                } else {
                    String error = FailureMessages.safe(o.error());
                    LOG.warn("backup {}/{}: table {} failed: {}", settings.name(), folder, o.table(), error);
                    failures.add(new TableFailure(o.table(), error));
                }
            }
        } catch (RuntimeException e) {
            // No consistent view, so no backup: the folder stays without a manifest and cleanup removes it.
            audit(AuditStatus.FAILED, "backup " + settings.name() + "/" + folder + " failed: the data store gave "
                    + "no read view", Map.of("name", settings.name(), "folder", folder,
                    "error", FailureMessages.safe(e)), Duration.between(start, ctx.clock().instant()));
            throw e;
        }
        BackupStatus status = failures.isEmpty() ? BackupStatus.COMPLETED
                : files.isEmpty() ? BackupStatus.FAILED : BackupStatus.PARTIAL;
        Manifest manifest = new Manifest(Manifest.FORMAT, settings.name(), folder, start.toString(),
                LibraryVersion.get(), status.wireName(),
                aead == null ? null : new Manifest.Encryption(Manifest.Encryption.ALGORITHM, ctx.segmentSize()),
                files, excluded, failures.stream().map(f -> new Manifest.Failure(f.table(), f.error())).toList(),
                checkpoint(), settings.compression().wireName(), null);
        try {
            writeManifest(folder, manifest);
        } catch (RuntimeException e) {
            audit(AuditStatus.FAILED, "backup " + settings.name() + "/" + folder + " failed: no manifest written",
                    Map.of("name", settings.name(), "folder", folder, "error", FailureMessages.safe(e)),
                    Duration.between(start, ctx.clock().instant()));
            throw e;
        }
        Duration took = Duration.between(start, ctx.clock().instant());
        BackupResult result = new BackupResult(settings.name(), folder, status,
                files.stream().map(f -> new BackupResult.TableBackup(f.table(), f.objectKey(), f.rows(),
                        f.storedBytes())).toList(), failures, took, false, excluded);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", settings.name());
        details.put("folder", folder);
        details.put("tables", files.stream().map(Manifest.FileEntry::table).toList());
        details.put("rows", result.rows());
        details.put("bytes", result.storedBytes());
        details.put("failedTables", failures.stream().map(TableFailure::table).toList());
        details.put("excludedTables", excluded);
        details.put("encrypted", aead != null);
        details.put("connections", connections);
        audit(status.auditStatus(), "backup " + settings.name() + "/" + folder + ": " + files.size() + " tables, "
                + result.rows() + " rows, " + status.wireName(), details, took);
        LOG.info("backup {}/{} {}: {} tables, {} rows, {} bytes in {} ms", settings.name(), folder, status.wireName(),
                files.size(), result.rows(), result.storedBytes(), took.toMillis());
        return result;
    }

    /**
     * A schema in {@code backup.schemas} that the store shows no table of is most often a misspelling; backing up
     * without it would report {@code completed} for less than was configured, so the backup is refused instead.
     */
    private void requireConfiguredSchemasSeen(BackupSettings settings, SchemaDescription schema,
            java.util.Optional<String> defaultSchema) {
        if (defaultSchema.isEmpty()) {
            return; // a store that names no schemas (in memory) backs up its tables whatever the list says
        }
        java.util.Set<String> seen = new java.util.TreeSet<>();
        seen.add(defaultSchema.get());
        for (TableSchema t : schema.tables()) {
            TableId id = TableId.parse(t.name());
            if (!id.inDefaultSchema()) {
                seen.add(id.schema());
            }
        }
        List<String> unseen = settings.schemas().stream().filter(s -> !seen.contains(s)).sorted().toList();
        if (unseen.isEmpty()) {
            return;
        }
        String error = "backup '" + settings.name() + "': backup.schemas names " + unseen + ", but the data store "
                + "shows no table in " + (unseen.size() == 1 ? "that schema" : "those schemas") + " (schemas with "
                + "tables: " + seen + "); correct the names (they are matched exactly, as the database spells them), "
                + "or make the store read them";
        audit(AuditStatus.FAILED, "backup " + settings.name() + " refused: backup.schemas names a schema with no "
                + "tables", Map.of("name", settings.name(), "error", error), Duration.ZERO);
        throw new ConfigurationException(error);
    }

    /** A dry run: which tables would go to which folder; nothing is read or written. */
    private BackupResult planOnly(BackupSettings settings, String folder, List<String> included, List<String> excluded,
            Instant start) {
        Duration took = Duration.between(start, ctx.clock().instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", settings.name());
        details.put("folder", folder);
        details.put("tables", included);
        details.put("excludedTables", excluded);
        details.put("encrypted", settings.encrypted());
        audit(AuditStatus.COMPLETED, "backup " + settings.name() + " dry run: " + included.size() + " tables would go to "
                + folder, details, took);
        return new BackupResult(settings.name(), folder, BackupStatus.COMPLETED, included.stream()
                .map(t -> new BackupResult.TableBackup(t, layout.tableKey(folder, t, settings.encrypted(), settings.compression()), 0, 0))
                .toList(), List.of(), took, true, excluded);
    }

    private Manifest.FileEntry backUpTable(ReadView view, TableSchema schema, String folder, SegmentedAesGcm aead)
            throws IOException {
        BackupCompression compression = ctx.settings().compression();
        String key = layout.tableKey(folder, schema.name(), aead != null, compression);
        BlobOutput blob = ctx.blobStore().put(key);
        // the store fetches the next rows while this thread encodes, compresses and encrypts the last ones
        try (RowCursor rows = ProgressCursor.wrap(PrefetchCursor.start(view.scan(schema.name()), schema.name()),
                schema.name(), ctx.progress())) {
            List<ColumnSchema> columns = rows.columns().stream().map(c -> schema.column(c).orElseThrow(
                    () -> new StorageException("the data store returned column " + c + " which table "
                            + schema.name() + " does not describe"))).toList();
            Checksums.Out stored = aead == null ? new Checksums.Out(blob)
                    : Checksums.Out.countingOnly(blob, Checksums.sha256());
            OutputStream sealed = aead == null ? stored : aead.encrypt(stored, key, stored.digest());
            // compressed before it is encrypted: ciphertext does not compress
            Checksums.Out plain = sealed == stored && compression == BackupCompression.NONE ? stored
                    : new Checksums.Out(compression.compress(sealed));
            long count = Snapshot.write(plain, schema.name(), columns, rows);
            plain.close(); // closes the chain: seals the last segment and publishes the object
            String plainSha = plain.hex();
            return new Manifest.FileEntry(schema.name(), key, count, plainSha, plain == stored ? plainSha
                    : stored.hex(), stored.bytes(), aead == null ? null : aead.primaryKeyId(), schema.primaryKey(),
                    columns.stream().map(Manifest.Column::of).toList());
        } catch (IOException | RuntimeException e) {
            blob.abort();
            throw e;
        }
    }

    private void writeManifest(String folder, Manifest manifest) {
        String key = layout.manifestKey(folder);
        BlobOutput out = null;
        try {
            out = ctx.blobStore().put(key);
            out.write(ManifestCodec.write(manifest, ctx.keys()));
            out.close();
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.abort();
            }
            throw new StorageException("cannot write " + key + "; the backup folder stays incomplete and is never "
                    + "restored from", e);
        }
    }

    private Manifest.Checkpoint checkpoint() {
        try {
            Checkpoint c = ctx.auditLog().checkpoint();
            return new Manifest.Checkpoint(c.sequence(), c.headHash(), c.createdAt().toString(), c.keyId(),
                    c.signature());
        } catch (RuntimeException e) {
            LOG.warn("backup {}: no audit checkpoint in the manifest: {}", ctx.settings().name(),
                    FailureMessages.safe(e));
            return null;
        }
    }

    private void audit(AuditStatus status, String summary, Map<String, Object> details, Duration took) {
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_BACKUP, status, actor, summary, details, took, dryRun));
    }
}
