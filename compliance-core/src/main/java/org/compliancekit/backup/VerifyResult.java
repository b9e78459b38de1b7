package org.compliancekit.backup;

import java.util.List;

/**
 * What verifying one backup folder found, without touching a database.
 *
 * @param folder the folder checked
 * @param problems problems with the folder as a whole (missing or unauthenticated manifest, bad status)
 * @param files one check per table file in the manifest
 */
public record VerifyResult(String folder, List<String> problems, List<FileCheck> files) {
    public VerifyResult {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** Whether the manifest authenticated and every file matched it. */
    public boolean ok() {
        return problems.isEmpty() && files.stream().allMatch(FileCheck::ok);
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
