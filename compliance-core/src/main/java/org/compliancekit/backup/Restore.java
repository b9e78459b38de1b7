package org.compliancekit.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.compliancekit.ConfigurationException;
import org.compliancekit.FailureMessages;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.TableId;

/**
 * Loads a backup into a data store in one atomic {@link DataStore#load}, parents first as far as the foreign keys
 * allow (stores load with foreign-key checks off, so cycles need no order). The manifest is checked before any row
 * is written (its MAC, its file list, whether the backup is partial); each table file is then read once, its
 * checksums, authentication tags and row count checked as its rows stream into the load, and a file that fails
 * them makes the store roll the whole load back. Nothing is loaded from a partial backup unless the request allows
 * it; any failure leaves the target as it was.
 */
final class Restore {
    private final BackupContext ctx;

    Restore(BackupContext ctx) {
        this.ctx = ctx;
    }

    RestoreResult run(RestoreRequest request, DataStore target) {
        Instant start = ctx.clock().instant();
        Optional<String> folder = request.folder().isPresent() ? request.folder() : latestComplete(request);
        if (folder.isEmpty()) {
            return fail(start, request, folder, null, "no complete backup of " + ctx.settings().name()
                    + request.date().map(d -> " on " + d).orElse("") + " was found; list them with listBackups()");
        }
        Verification verifier = new Verification(ctx);
        Verification.ManifestCheck head = verifier.checkManifest(folder.get());
        VerifyResult verification = new VerifyResult(folder.get(), head.problems(), List.of(), head.missingTables());
        if (!head.problems().isEmpty()) {
            return fail(start, request, folder, verification, "backup " + folder.get() + " failed verification, "
                    + "nothing was restored: " + head.problems().get(0));
        }
        Manifest manifest = head.manifest();
        List<Manifest.FileEntry> wanted = new ArrayList<>();
        List<TableFailure> missing = new ArrayList<>();
        if (request.tables().isEmpty()) {
            wanted.addAll(manifest.files());
            missing.addAll(verification.missingTables());
        } else {
            for (String t : request.tables()) {
                Optional<TableFailure> failed = find(verification.missingTables(), t, TableFailure::table);
                if (failed.isPresent()) {
                    missing.add(failed.get());
                    continue;
                }
                Manifest.FileEntry f;
                try {
                    f = find(manifest.files(), t, Manifest.FileEntry::table).orElse(null);
                } catch (IllegalArgumentException ambiguous) {
                    return fail(start, request, folder, verification, ambiguous.getMessage());
                }
                if (f == null) {
                    return fail(start, request, folder, verification, "table " + t + " is not in backup "
                            + folder.get() + "; it holds " + manifest.files().stream().map(Manifest.FileEntry::table)
                            .toList());
                }
                wanted.add(f);
            }
        }
        for (Manifest.FileEntry f : wanted) {
            String misplaced = verifier.locate(manifest, f);
            if (misplaced != null) {
                return fail(start, request, folder, verification, "backup " + folder.get() + " failed "
                        + "verification, nothing was restored: " + misplaced);
            }
        }
        if (!missing.isEmpty() && !request.allowPartial()) {
            return fail(start, request, folder, verification, "backup " + folder.get() + " is partial: it lacks "
                    + "tables " + missing.stream().map(TableFailure::table).toList() + ", which failed when it ran; "
                    + "nothing was restored (allow a partial restore to load the other tables)");
        }
        Map<String, Long> loaded;
        CheckedLoad rows = null;
        try {
            SchemaDescription schema = target.describe();
            // Each target table is resolved once, so tables whose names differ only in case stay apart.
            Map<String, Manifest.FileEntry> byTarget = new LinkedHashMap<>();
            for (Manifest.FileEntry f : wanted) {
                String name = targetTable(schema, f.table());
                Manifest.FileEntry other = byTarget.put(name, f);
                if (other != null) {
                    return fail(start, request, folder, verification, "backup tables " + other.table() + " and "
                            + f.table() + " both match target table " + name + " only ignoring case; create both "
                            + "tables in the target, spelled as in the backup");
                }
            }
            List<String> order = schema.loadOrder(byTarget.keySet());
            rows = new CheckedLoad(ctx, manifest, byTarget);
            loaded = target.load(order, rows, request.replace() ? LoadMode.REPLACE : LoadMode.REFUSE_NON_EMPTY);
        } catch (RuntimeException e) {
            if (rows == null) {
                return fail(start, request, folder, verification, FailureMessages.safe(e));
            }
            VerifyResult checked = rows.result(folder.get(), head.missingTables());
            Optional<VerifyResult.FileCheck> damaged = rows.failure();
            return fail(start, request, folder, checked, damaged.map(d -> "backup " + folder.get() + " failed "
                    + "verification while table " + d.table() + " was loading, nothing was restored: " + d.problem())
                    .orElseGet(() -> FailureMessages.safe(e)));
        }
        verification = rows.result(folder.get(), head.missingTables());
        Duration took = Duration.between(start, ctx.clock().instant());
        Map<String, Object> details = details(request, folder);
        details.put("rows", loaded);
        details.put("notRestored", missing.stream().map(TableFailure::table).toList());
        long total = loaded.values().stream().mapToLong(Long::longValue).sum();
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_DATA_IMPORT,
                missing.isEmpty() ? AuditStatus.COMPLETED : AuditStatus.PARTIAL, AuditEvent.SYSTEM,
                "restore from backup " + ctx.settings().name() + "/" + folder.get() + ": " + loaded.size()
                        + " tables, " + total + " rows" + (missing.isEmpty() ? "" : ", not restored (missing from "
                        + "the backup): " + details.get("notRestored")), details, took, false));
        return new RestoreResult(folder, true, loaded, null, verification, missing);
    }

    /**
     * The target's table for a backed-up one. A restore creates no table and no schema: a missing one is refused,
     * naming it, before anything is loaded.
     */
    private static String targetTable(SchemaDescription schema, String table) {
        if (schema.table(table).isEmpty() && schema.tables().stream().noneMatch(t -> t.name().equalsIgnoreCase(table))) {
            TableId id = TableId.parse(table);
            throw new ConfigurationException("table " + table + " of the backup does not exist in the target"
                    + (id.inDefaultSchema() ? "" : " (schema " + id.schema() + ")") + "; a restore creates no "
                    + "table or schema: create it first, then restore");
        }
        return schema.require(table).name();
    }

    /**
     * The element named {@code name}: the exact spelling first, else the only one equal ignoring case.
     *
     * @throws IllegalArgumentException naming both when several differ from {@code name} only in case
     */
    static <T> Optional<T> find(List<T> items, String name, Function<T, String> nameOf) {
        for (T item : items) {
            if (nameOf.apply(item).equals(name)) {
                return Optional.of(item);
            }
        }
        List<T> matches = items.stream().filter(i -> nameOf.apply(i).equalsIgnoreCase(name)).toList();
        if (matches.size() > 1) {
            throw new IllegalArgumentException("table name " + name + " is ambiguous: the backup holds "
                    + matches.stream().map(nameOf).toList() + "; give the name exactly as one of them is spelled");
        }
        return matches.stream().findFirst();
    }

    /** The newest folder whose manifest says completed, on the requested date if one is given. */
    private Optional<String> latestComplete(RestoreRequest request) {
        List<Layout.Folder> folders = ctx.layout().folders(ctx.blobStore());
        for (int i = folders.size() - 1; i >= 0; i--) {
            Layout.Folder f = folders.get(i);
            boolean onDate = request.date().map(d -> f.name().startsWith(d.toString())).orElse(true);
            if (f.hasManifest() && onDate && ctx.manifest(f.name())
                    .map(r -> r.manifest().backupStatus() == BackupStatus.COMPLETED).orElse(false)) {
                return Optional.of(f.name());
            }
        }
        return Optional.empty();
    }

    private RestoreResult fail(Instant start, RestoreRequest request, Optional<String> folder,
            VerifyResult verification, String error) {
        Map<String, Object> details = details(request, folder);
        details.put("error", error);
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_DATA_IMPORT, AuditStatus.FAILED, AuditEvent.SYSTEM,
                "restore from backup " + ctx.settings().name() + folder.map(f -> "/" + f).orElse("")
                        + " failed; nothing was changed", details, Duration.between(start, ctx.clock().instant()),
                false));
        return new RestoreResult(folder, false, Map.of(), error, verification);
    }

    private Map<String, Object> details(RestoreRequest request, Optional<String> folder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", ctx.settings().name());
        details.put("folder", folder.orElse(null));
        details.put("tables", request.tables().isEmpty() ? "all" : List.copyOf(request.tables()));
        details.put("mode", request.replace() ? "replace" : "refuse_non_empty");
        return details;
    }
}
