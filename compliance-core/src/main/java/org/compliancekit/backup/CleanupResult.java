package org.compliancekit.backup;

import java.util.List;
import org.compliancekit.store.BlobStore.DeleteFailure;

/**
 * What a cleanup did.
 *
 * @param deletedFolders folders removed: past retention, or incomplete past the grace period
 * @param keptFolders folders left in place, including those the safety floor protected
 * @param failures objects that could not be deleted; cleanup tries them again next time
 * @param dryRun whether {@code deletedFolders} only says what would be deleted
 * @param deletedUnfinished keys of unfinished writes removed (temporary files of killed backups): those in deleted
 *        folders and those older than the grace period in kept ones
 */
public record CleanupResult(List<String> deletedFolders, List<String> keptFolders, List<DeleteFailure> failures,
        boolean dryRun, List<String> deletedUnfinished) {
    public CleanupResult {
        deletedUnfinished = List.copyOf(deletedUnfinished);
        deletedFolders = List.copyOf(deletedFolders);
        keptFolders = List.copyOf(keptFolders);
        failures = List.copyOf(failures);
    }
}
