package org.compliancekit.backup;

import java.util.List;

/**
 * What verifying one backup folder found, without touching a database.
 *
 * @param folder the folder checked
 * @param problems problems with the folder as a whole (missing or unauthenticated manifest, bad status)
 * @param files one check per table file in the manifest
 * @param missingTables the tables the backup should hold but does not (they failed while backing up), each with
 *     the error the manifest records; empty for a complete backup
 */
public record VerifyResult(String folder, List<String> problems, List<FileCheck> files,
        List<TableFailure> missingTables) {
    public VerifyResult {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
        missingTables = List.copyOf(missingTables);
    }

    /** A result for a backup that lacks no table. */
    public VerifyResult(String folder, List<String> problems, List<FileCheck> files) {
        this(folder, problems, files, List.of());
    }

    /** Whether the manifest authenticated, every file matched it and no table is missing. */
    public boolean ok() {
        return intact() && !partial();
    }

    /** Whether the manifest authenticated and every file it lists matched it; a partial backup can be intact. */
    public boolean intact() {
        return problems.isEmpty() && files.stream().allMatch(FileCheck::ok);
    }

    /** Whether the backup lacks tables that failed while it ran ({@link #missingTables()}). */
    public boolean partial() {
        return !missingTables.isEmpty();
    }

    /**
     * One table file checked against the manifest.
     *
     * @param table the table
     * @param objectKey the file
     * @param rows rows decoded, up to the first problem
     * @param problem what is wrong; {@code null} when the file matched
     */
    public record FileCheck(String table, String objectKey, long rows, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }
}
