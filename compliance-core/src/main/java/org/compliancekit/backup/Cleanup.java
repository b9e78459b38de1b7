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
 * period (judged by their newest object or unfinished write), but never the newest complete backups up to the
 * safety floor. Unfinished writes (temporary files of killed backups) go with their folder, and in folders that
 * stay they go once they are older than the grace period, so they never pile up unseen.
 */
final class Cleanup {
    private final BackupContext ctx;
    private final Layout layout;

    private final String actor;
    private final boolean dryRun;

    Cleanup(BackupContext ctx, String actor, boolean dryRun) {
        this.ctx = ctx;
        this.layout = ctx.layout();
        this.actor = actor;
        this.dryRun = dryRun;
    }

    CleanupResult run() {
        Instant start = ctx.clock().instant();
        Map<String, List<BlobInfo>> unfinished = unfinishedByFolder();
        List<Layout.Folder> folders = withUnfinished(layout.folders(ctx.blobStore()), unfinished);
        Set<String> protectedFolders = newestComplete(folders);
        Instant retentionCutoff = start.minus(ctx.settings().retention());
        Instant graceCutoff = start.minus(ctx.incompleteGrace());
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> deletedUnfinished = new ArrayList<>();
        List<DeleteFailure> failures = new ArrayList<>();
        for (Layout.Folder f : folders) {
            Instant folderTime = Layout.folderTime(f.name()).orElseThrow();
            boolean expired = folderTime.isBefore(retentionCutoff);
            List<BlobInfo> leftovers = unfinished.getOrDefault(f.name(), List.of());
            // a store that reports no modification times: judge the folder by the time in its name
            Instant lastWrite = f.newestObject().equals(Instant.MIN) ? folderTime : f.newestObject();
            boolean abandoned = !f.hasManifest() && lastWrite.isBefore(graceCutoff);
            boolean remove = (expired || abandoned) && !protectedFolders.contains(f.name());
            List<String> stale = leftovers.stream()
                    .filter(b -> remove || b.lastModified() != null && b.lastModified().isBefore(graceCutoff))
                    .map(BlobInfo::key).toList();
            List<DeleteFailure> failed = new ArrayList<>();
            if (!dryRun) {
                failed.addAll(ctx.blobStore().deleteUnfinished(stale));
                if (remove && failed.isEmpty()) {
                    failed.addAll(delete(f));
                }
            }
            Set<String> notRemoved = new HashSet<>(failed.stream().map(DeleteFailure::key).toList());
            stale.stream().filter(k -> !notRemoved.contains(k)).forEach(deletedUnfinished::add);
            failures.addAll(failed);
            if (remove && failed.isEmpty()) {
                deleted.add(f.name());
            } else {
                kept.add(f.name());
            }
        }
        Duration took = Duration.between(start, ctx.clock().instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", ctx.settings().name());
        details.put("deletedFolders", deleted);
        details.put("keptFolders", kept.size());
        details.put("deletedUnfinished", deletedUnfinished);
        details.put("failedObjects", failures.stream().map(DeleteFailure::key).toList());
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_BACKUP_CLEANUP,
                failures.isEmpty() ? AuditStatus.COMPLETED : AuditStatus.PARTIAL, actor,
                "backup cleanup " + ctx.settings().name() + (dryRun ? " dry run: " : ": ") + deleted.size()
                        + " folders and " + deletedUnfinished.size() + " unfinished files " + (dryRun ? "would be " : "")
                        + "deleted, " + kept.size() + " folders kept",
                details, took, dryRun));
        return new CleanupResult(deleted, kept, failures, dryRun, deletedUnfinished);
    }

    /** The set's unfinished writes, by the folder they lie in; only folders this layout writes count. */
    private Map<String, List<BlobInfo>> unfinishedByFolder() {
        Map<String, List<BlobInfo>> out = new LinkedHashMap<>();
        try (Stream<BlobInfo> s = ctx.blobStore().listUnfinished(layout.prefix())) {
            s.forEach(b -> layout.folderOf(b.key())
                    .ifPresent(f -> out.computeIfAbsent(f, x -> new ArrayList<>()).add(b)));
        }
        return out;
    }

    /**
     * The folders with their unfinished writes counted as writes, plus folders that hold nothing but unfinished
     * writes, which listing objects does not show.
     */
    private static List<Layout.Folder> withUnfinished(List<Layout.Folder> folders,
            Map<String, List<BlobInfo>> unfinished) {
        Map<String, Layout.Folder> byName = new LinkedHashMap<>();
        folders.forEach(f -> byName.put(f.name(), f));
        unfinished.forEach((name, writes) -> {
            Instant newest = writes.stream().map(BlobInfo::lastModified).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(Instant.MIN);
            Layout.Folder f = byName.get(name);
            byName.put(name, f == null ? new Layout.Folder(name, false, 0, newest)
                    : new Layout.Folder(name, f.hasManifest(), f.objects(),
                            newest.isAfter(f.newestObject()) ? newest : f.newestObject()));
        });
        List<Layout.Folder> out = new ArrayList<>(byName.values());
        out.sort(Layout.CHRONOLOGICAL);
        return out;
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
