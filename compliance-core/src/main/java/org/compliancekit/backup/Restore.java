package org.compliancekit.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.SchemaDescription;

/**
 * Loads a verified backup into a data store in one atomic {@link DataStore#load}, parents first. Nothing is
 * loaded unless the whole backup verified; a failure while loading leaves the target as it was.
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
        VerifyResult verification = new Verification(ctx).verify(folder.get());
        if (!verification.ok()) {
            String first = !verification.problems().isEmpty() ? verification.problems().get(0)
                    : verification.files().stream().filter(f -> !f.ok()).findFirst().orElseThrow().problem();
            return fail(start, request, folder, verification, "backup " + folder.get() + " failed verification, "
                    + "nothing was restored: " + first);
        }
        Manifest manifest = ctx.manifest(folder.get()).orElseThrow().manifest();
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        manifest.files().forEach(f -> files.put(f.table().toLowerCase(Locale.ROOT), f));
        List<String> wanted = new ArrayList<>();
        for (String t : request.tables().isEmpty() ? files.keySet() : request.tables()) {
            Manifest.FileEntry f = files.get(t.toLowerCase(Locale.ROOT));
            if (f == null) {
                return fail(start, request, folder, verification, "table " + t + " is not in backup "
                        + folder.get() + "; it holds " + manifest.files().stream().map(Manifest.FileEntry::table)
                        .toList());
            }
            wanted.add(f.table());
        }
        Map<String, Long> loaded;
        try {
            SchemaDescription schema = target.describe();
            List<String> order = schema.parentsFirst(wanted);
            loaded = target.load(order, table -> ProgressCursor.wrap(TableFile.open(ctx, manifest,
                    files.get(table.toLowerCase(Locale.ROOT))), table, ctx.progress()),
                    request.replace() ? LoadMode.REPLACE : LoadMode.REFUSE_NON_EMPTY);
        } catch (RuntimeException e) {
            return fail(start, request, folder, verification, BackupContext.describe(e));
        }
        Duration took = Duration.between(start, ctx.clock().instant());
        Map<String, Object> details = details(request, folder);
        details.put("rows", loaded);
        long total = loaded.values().stream().mapToLong(Long::longValue).sum();
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_DATA_IMPORT, AuditStatus.COMPLETED, AuditEvent.SYSTEM,
                "restore from backup " + ctx.settings().name() + "/" + folder.get() + ": " + loaded.size()
                        + " tables, " + total + " rows", details, took, false));
        return new RestoreResult(folder, true, loaded, null, verification);
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
