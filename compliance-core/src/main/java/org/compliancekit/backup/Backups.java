package org.compliancekit.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.crypto.SegmentedAesGcm;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;

/**
 * The backup engine: encrypted JSON snapshots of a data store in a blob store, with a manifest per backup, and the
 * operations around them. Backup, cleanup and restore each record one audit event. The bytes are specified in
 * {@code docs/backup-format.md}.
 *
 * <pre>{@code
 * Backups backups = Backups.builder(dataStore, blobStore, auditLog)
 *         .withKeys(KeyRing.single("2026-01", base64Key))
 *         .withSettings(BackupSettings.defaults().withEnabled(true))
 *         .build();
 * BackupResult result = backups.backup();
 * backups.cleanup();
 * }</pre>
 *
 * <p>The daily job runs {@link #backup()} and then {@link #cleanup()}; {@link #lastCompleted()} tells when the last
 * complete backup ran.
 */
public final class Backups {
    private final BackupContext ctx;

    private Backups(BackupContext ctx) {
        this.ctx = ctx;
    }

    /** A builder over the store to back up, where backups go, and the audit trail that records each operation. */
    public static Builder builder(DataStore dataStore, BlobStore blobStore, AuditLog auditLog) {
        return new Builder(dataStore, blobStore, auditLog);
    }

    /**
     * Backs up every table of the data store except the excluded ones, into a new folder. A table that fails does
     * not stop the others: the result and manifest say {@code partial} and name it. Runs whatever
     * {@link BackupSettings#enabled()} says; that flag is for the daily job to consult.
     *
     * @throws ConfigurationException when encryption is on and no key is configured; nothing is written then
     */
    public BackupResult backup() {
        return backup(AuditEvent.SYSTEM);
    }

    /**
     * Backs up as {@link #backup()} does, recording {@code actor} in the audit event.
     *
     * @param actor who triggered it; {@link AuditEvent#SYSTEM} for the scheduled job
     */
    public BackupResult backup(String actor) {
        String name = ctx.settings().name();
        return journal().run(AuditEvent.TYPE_BACKUP, actor, "backup " + name + " started", Map.of("name", name),
                run -> new BackupRun(JournalProgress.context(ctx, run), actor, false).run());
    }

    /** Says which tables a backup now would write to which folder, reading and writing nothing; audited as a dry run. */
    public BackupResult backupDryRun(String actor) {
        return new BackupRun(ctx, actor, true).run();
    }

    /** Deletes folders past retention and abandoned incomplete folders, keeping the newest complete backups. */
    public CleanupResult cleanup() {
        return cleanup(AuditEvent.SYSTEM);
    }

    /** Cleans up as {@link #cleanup()} does, recording {@code actor}. */
    public CleanupResult cleanup(String actor) {
        String name = ctx.settings().name();
        return journal().run(AuditEvent.TYPE_BACKUP_CLEANUP, actor, "backup cleanup " + name + " started",
                Map.of("name", name), run -> new Cleanup(JournalProgress.context(ctx, run), actor, false).run());
    }

    /** Says what a cleanup now would delete, deleting nothing; audited as a dry run. */
    public CleanupResult cleanupDryRun(String actor) {
        return new Cleanup(ctx, actor, true).run();
    }

    /** Checks the backup in {@code folder} against its manifest: MAC, checksums and row counts of every file. */
    public VerifyResult verify(String folder) {
        return verify(folder, AuditEvent.SYSTEM);
    }

    /** Verifies as {@link #verify(String)} does and records a {@code backup_verify} audit event with {@code actor}. */
    public VerifyResult verify(String folder, String actor) {
        Instant start = ctx.clock().instant();
        VerifyResult result = new Verification(ctx).verify(folder);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", ctx.settings().name());
        details.put("folder", folder);
        details.put("files", result.files().size());
        details.put("failedFiles", result.files().stream().filter(f -> !f.ok()).map(VerifyResult.FileCheck::table).toList());
        details.put("problems", result.problems().size());
        List<String> missing = result.missingTables().stream().map(TableFailure::table).toList();
        details.put("missingTables", missing);
        ctx.auditLog().append(new AuditEvent(AuditEvent.TYPE_BACKUP_VERIFY,
                !result.intact() ? AuditStatus.FAILED : result.partial() ? AuditStatus.PARTIAL : AuditStatus.SUCCESS,
                actor, "backup " + ctx.settings().name() + "/" + folder + " verified: " + (result.ok() ? "intact"
                        : result.intact() ? "partial, missing tables " + missing
                        : result.problems().size() + " problems, " + details.get("failedFiles") + " failed"),
                details, Duration.between(start, ctx.clock().instant()), false));
        return result;
    }

    /** Checks the newest backup (with a manifest) taken on {@code date}, UTC. */
    public VerifyResult verify(LocalDate date) {
        String folder = listBackups().stream().map(BackupInfo::folder).filter(f -> f.startsWith(date.toString()))
                .reduce((a, b) -> b).orElse(date.toString());
        return verify(folder);
    }

    /** Restores into the data store this engine backs up. */
    public RestoreResult restore(RestoreRequest request) {
        return restore(request, ctx.dataStore());
    }

    /** Restores into {@code target}, e.g. a fresh database for a restore drill. */
    public RestoreResult restore(RestoreRequest request, DataStore target) {
        Objects.requireNonNull(target, "target");
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", ctx.settings().name());
        plan.put("folder", request.folder().orElse(null));
        plan.put("tables", request.tables().isEmpty() ? "all" : List.copyOf(request.tables()));
        return journal().run(AuditEvent.TYPE_DATA_IMPORT, AuditEvent.SYSTEM, "restore from backup "
                + ctx.settings().name() + " started", plan,
                run -> new Restore(JournalProgress.context(ctx, run)).run(request, target));
    }

    /** Backup, cleanup and restore runs are journaled, so that one killed mid-way is visible in the trail. */
    private RunJournal journal() {
        return RunJournal.of(ctx.auditLog(), ctx.clock());
    }

    /** Every backup with a manifest, oldest first. Incomplete folders are left out. */
    public List<BackupInfo> listBackups() {
        List<BackupInfo> out = new ArrayList<>();
        for (Layout.Folder f : ctx.layout().folders(ctx.blobStore())) {
            info(f).ifPresent(out::add);
        }
        return out;
    }

    /** The newest backup with a manifest, whatever its status; reads only the newest folder's manifest. */
    public Optional<BackupInfo> newest() {
        return newest(b -> true);
    }

    /**
     * The newest backup matching {@code wanted}, reading manifests from the newest folder back and stopping at the
     * first match: a store holding years of daily backups is not read whole to find yesterday's.
     */
    private Optional<BackupInfo> newest(java.util.function.Predicate<BackupInfo> wanted) {
        List<Layout.Folder> folders = ctx.layout().folders(ctx.blobStore());
        for (int i = folders.size() - 1; i >= 0; i--) {
            Optional<BackupInfo> info = info(folders.get(i)).filter(wanted);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    private Optional<BackupInfo> info(Layout.Folder f) {
        if (!f.hasManifest()) {
            return Optional.empty();
        }
        return ctx.manifest(f.name()).map(r -> {
            Manifest m = r.manifest();
            return new BackupInfo(m.name(), f.name(), Instant.parse(m.createdAt()), m.backupStatus(),
                    m.files().stream().map(Manifest.FileEntry::table).toList(), m.rows(), m.storedBytes(),
                    r.mac() == ManifestCodec.MacCheck.VALID);
        });
    }

    /**
     * The audit checkpoints the backups' manifests carry, oldest backup first (backups without one are left out).
     * Checked with {@code AuditLog.verify(AuditRange.all().against(..))}, they make a cut or rewritten tail of the
     * audit chain up to the newest backup detectable; each is signed, so no manifest key is needed to trust it.
     */
    public List<org.compliancekit.audit.Checkpoint> auditCheckpoints() {
        List<org.compliancekit.audit.Checkpoint> out = new ArrayList<>();
        for (Layout.Folder f : ctx.layout().folders(ctx.blobStore())) {
            if (f.hasManifest()) {
                ctx.manifest(f.name()).map(r -> r.manifest().auditCheckpoint()).ifPresent(c -> out.add(
                        new org.compliancekit.audit.Checkpoint(c.sequence(), c.headHash(), Instant.parse(c.createdAt()),
                                c.keyId(), c.signature())));
            }
        }
        return out;
    }

    /** The settings this engine runs with. */
    public BackupSettings settings() {
        return ctx.settings();
    }

    /** The newest backup whose status is completed. */
    public Optional<BackupInfo> lastCompleted() {
        return newest(BackupInfo::isComplete);
    }

    /** Configures a {@link Backups}; every option has a default except the three stores. */
    public static final class Builder {
        private final DataStore dataStore;
        private final BlobStore blobStore;
        private final AuditLog auditLog;
        private KeyRing keys = KeyRing.empty();
        private BackupSettings settings = BackupSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private int segmentSize = SegmentedAesGcm.DEFAULT_SEGMENT_SIZE;
        private int safetyFloor = 1;
        private Duration incompleteGrace = Duration.ofHours(24);
        private BackupProgress progress = BackupProgress.NONE;

        private Builder(DataStore dataStore, BlobStore blobStore, AuditLog auditLog) {
            this.dataStore = Objects.requireNonNull(dataStore, "dataStore");
            this.blobStore = Objects.requireNonNull(blobStore, "blobStore");
            this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        }

        /** The keys that encrypt new backups (primary) and read old ones (by id); default none. */
        public Builder withKeys(KeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Name, retention, encryption and excluded tables; default {@link BackupSettings#defaults()}. */
        public Builder withSettings(BackupSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The clock for folder dates, retention and durations; default the system UTC clock. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Plaintext bytes per encrypted segment, 1 KiB to 64 MiB; default 1 MiB. Memory per file is about two. */
        public Builder withSegmentSize(int bytes) {
            this.segmentSize = bytes;
            return this;
        }

        /** How many of the newest complete backups cleanup never deletes, whatever their age; default 1. */
        public Builder withSafetyFloor(int count) {
            this.safetyFloor = count;
            return this;
        }

        /** How long an incomplete folder may sit untouched before cleanup deletes it; default 24 hours. */
        public Builder withIncompleteGrace(Duration grace) {
            this.incompleteGrace = grace;
            return this;
        }

        /** Who hears how backups and restores advance table by table; default nobody. */
        public Builder withProgress(BackupProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * @throws ConfigurationException naming the setting when a value is out of range
         */
        public Backups build() {
            if (safetyFloor < 1) {
                throw new ConfigurationException("the backup safety floor (withSafetyFloor) must be at least 1, was "
                        + safetyFloor);
            }
            BackupSettings.requirePositive(incompleteGrace, "the incomplete-backup grace (withIncompleteGrace)");
            new SegmentedAesGcm(keys, segmentSize); // validates the segment size now, not at the first backup
            return new Backups(new BackupContext(dataStore, blobStore, auditLog, keys, settings, clock, segmentSize,
                    safetyFloor, incompleteGrace, progress));
        }
    }
}
