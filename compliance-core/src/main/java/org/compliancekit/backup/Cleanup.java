package org.compliancekit.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.store.BlobStore.BlobInfo;
import org.compliancekit.store.BlobStore.DeleteFailure;

/**
 * Deletes backup folders past retention (judged by the folder's date) and incomplete folders past the grace
 * period (judged by their newest object), but never the newest complete backups up to the safety floor.
 */
final class Cleanup {
    private final BackupContext ctx;
    private final Layout layout;

    Cleanup(BackupContext ctx) {
        this.ctx = ctx;
        this.layout = ctx.layout();
    }

    CleanupResult run() {
        Instant start = ctx.clock().instant();
        List<Layout.Folder> folders = layout.folders(ctx.blobStore());
        Set<String> protectedFolders = newestComplete(folders);
        Instant retentionCutoff = start.minus(ctx.settings().retention());
        Instant graceCutoff = start.minus(ctx.incompleteGrace());
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<DeleteFailure> failures = new ArrayList<>();
        for (Layout.Folder f : folders) {
            Instant folderTime = Layout.folderTime(f.name()).orElseThrow();
            boolean expired = folderTime.isBefore(retentionCutoff);
            // a store that reports no modification times: judge the folder by the time in its name
            Instant lastWrite = f.newestObject().equals(Instant.MIN) ? folderTime : f.newestObject();
            boolean abandoned = !f.hasManifest() && lastWrite.isBefore(graceCutoff);
            if ((expired || abandoned) && !protectedFolders.contains(f.name())) {
                List<DeleteFailure> failed = delete(f);
                if (failed.isEmpty()) {
                    deleted.add(f.name());
                } else {
                    failures.addAll(failed);
                    kept.add(f.name());
                }
            } else {
                kept.add(f.name());
            }
        }
        Duration took = Duration.between(start, ctx.clock().instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", ctx.settings().name());
        details.put("deletedFolders", deleted);
        details.put("keptFolders", kept.size());
        details.put("failedObjects", failures.stream().map(DeleteFailure::key).toList());
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_BACKUP_CLEANUP,
                failures.isEmpty() ? AuditStatus.COMPLETED : AuditStatus.PARTIAL, null,
                "backup cleanup " + ctx.settings().name() + ": " + deleted.size() + " folders deleted, " + kept.size()
                        + " kept", details, took, false));
        return new CleanupResult(deleted, kept, failures);
    }

    /** The newest folders whose manifest says completed, as many as the safety floor asks for. */
    private Set<String> newestComplete(List<Layout.Folder> folders) {
        Set<String> out = new HashSet<>();
        for (int i = folders.size() - 1; i >= 0 && out.size() < ctx.safetyFloor(); i--) {
            Layout.Folder f = folders.get(i);
            if (f.hasManifest() && isCompleted(f.name())) {
                out.add(f.name());
            }
        }
        return out;
    }

    private boolean isCompleted(String folder) {
        try {
            return ctx.manifest(folder).map(r -> r.manifest().backupStatus() == BackupStatus.COMPLETED).orElse(false);
        } catch (RuntimeException e) {
            return false; // an unreadable manifest is no safe backup to keep in place of a readable one
        }
    }

    /** Deletes the manifest first, so a folder half deleted reads as incomplete, never as a whole backup. */
    private List<DeleteFailure> delete(Layout.Folder f) {
        String manifest = layout.manifestKey(f.name());
        List<DeleteFailure> failed = new ArrayList<>(ctx.blobStore().delete(List.of(manifest)));
        if (!failed.isEmpty()) {
            return failed;
        }
        List<String> batch = new ArrayList<>();
        try (Stream<BlobInfo> s = ctx.blobStore().list(layout.prefix() + f.name() + "/")) {
            for (BlobInfo b : (Iterable<BlobInfo>) s::iterator) {
                batch.add(b.key());
                if (batch.size() == 1000) {
                    failed.addAll(ctx.blobStore().delete(batch));
                    batch.clear();
                }
            }
        }
        failed.addAll(ctx.blobStore().delete(batch));
        return failed;
    }
}
