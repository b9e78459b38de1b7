package org.compliancekit.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a backup folder against its manifest: the MAC, and for every file its checksums and row count. */
final class Verification {
    private final BackupContext ctx;

    Verification(BackupContext ctx) {
        this.ctx = ctx;
    }

    VerifyResult verify(String folder) {
        Optional<ManifestCodec.Read> read;
        try {
            read = ctx.manifest(folder);
        } catch (RuntimeException e) {
            return new VerifyResult(folder, List.of(BackupContext.describe(e)), List.of());
        }
        if (read.isEmpty()) {
            return new VerifyResult(folder, List.of("backup " + ctx.settings().name() + "/" + folder + " has no "
                    + "manifest: it is incomplete or does not exist"), List.of());
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
        List<VerifyResult.FileCheck> checks = new ArrayList<>();
        for (Manifest.FileEntry f : m.files()) {
            checks.add(check(m, f));
        }
        return new VerifyResult(folder, problems, checks,
                m.failedTables().stream().map(f -> new TableFailure(f.table(), f.error())).toList());
    }

    private VerifyResult.FileCheck check(Manifest m, Manifest.FileEntry f) {
        long rows = 0;
        try (TableFile file = TableFile.open(ctx, m, f)) {
            rows = file.drain();
            return new VerifyResult.FileCheck(f.table(), f.objectKey(), rows, null);
        } catch (RuntimeException e) {
            return new VerifyResult.FileCheck(f.table(), f.objectKey(), rows, BackupContext.describe(e));
        }
    }
}
