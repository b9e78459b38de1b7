package org.compliancekit.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancekit.FailureMessages;

/** Checks a backup folder against its manifest: the MAC, and for every file its checksums and row count. */
final class Verification {
    private final BackupContext ctx;

    Verification(BackupContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The checks of the manifest as a whole, made without reading any table file.
     *
     * @param manifest the manifest; {@code null} when it could not be read
     * @param problems what is wrong with it: unreadable, absent, unauthenticated, copied from elsewhere
     */
    record ManifestCheck(Manifest manifest, List<String> problems) {
        ManifestCheck {
            problems = List.copyOf(problems);
        }

        /** The tables the backup lacks because they failed while it ran. */
        List<TableFailure> missingTables() {
            return manifest == null ? List.of()
                    : manifest.failedTables().stream().map(f -> new TableFailure(f.table(), f.error())).toList();
        }
    }

    VerifyResult verify(String folder) {
        ManifestCheck head = checkManifest(folder);
        if (head.manifest() == null) {
            return new VerifyResult(folder, head.problems(), List.of());
        }
        List<VerifyResult.FileCheck> checks = new ArrayList<>();
        for (Manifest.FileEntry f : head.manifest().files()) {
            checks.add(check(head.manifest(), f));
        }
        return new VerifyResult(folder, head.problems(), checks, head.missingTables());
    }

    /** Reads and authenticates the manifest of {@code folder}; no table file is opened. */
    ManifestCheck checkManifest(String folder) {
        Optional<ManifestCodec.Read> read;
        try {
            read = ctx.manifest(folder);
        } catch (RuntimeException e) {
            return new ManifestCheck(null, List.of(FailureMessages.safe(e)));
        }
        if (read.isEmpty()) {
            return new ManifestCheck(null, List.of("backup " + ctx.settings().name() + "/" + folder + " has no "
                    + "manifest: it is incomplete or does not exist"));
        }
        Manifest m = read.get().manifest();
        List<String> problems = new ArrayList<>();
        String manifestKey = ctx.layout().manifestKey(folder);
        switch (read.get().mac()) {
            case VALID -> { }
            case ABSENT -> {
                if (!ctx.keys().isEmpty() || m.encryption() != null) {
                    problems.add(manifestKey + " carries no MAC although keys are configured; it may have been "
                            + "replaced");
                }
            }
            case UNKNOWN_KEY -> problems.add(manifestKey + " is authenticated with key id '" + m.mac().keyId()
                    + "', which is not configured; add that key to check it");
            case INVALID -> problems.add(manifestKey + " does not match its MAC; the manifest was edited");
        }
        if (!folder.equals(m.folder()) || !ctx.settings().name().equals(m.name())) {
            problems.add(manifestKey + " describes " + m.name() + "/" + m.folder() + "; it was copied from there");
        }
        return new ManifestCheck(m, problems);
    }

    /**
     * What is wrong with the place of {@code f}'s file, found without reading it: outside the backup's folder, or
     * absent; {@code null} when neither.
     */
    String locate(Manifest m, Manifest.FileEntry f) {
        String misplaced = TableFile.misplaced(ctx, m, f);
        if (misplaced != null) {
            return misplaced;
        }
        String key = f.objectKey();
        try {
            return ctx.blobStore().exists(key) ? null : key + " (table " + f.table() + ") is missing from the backup";
        } catch (RuntimeException e) {
            return FailureMessages.safe(e);
        }
    }

    private VerifyResult.FileCheck check(Manifest m, Manifest.FileEntry f) {
        long rows = 0;
        try (TableFile file = TableFile.open(ctx, m, f)) {
            rows = file.drain();
            return new VerifyResult.FileCheck(f.table(), f.objectKey(), rows, null);
        } catch (RuntimeException e) {
            return new VerifyResult.FileCheck(f.table(), f.objectKey(), rows, FailureMessages.safe(e));
        }
    }
}
