package org.compliancekit.backup;

import java.util.List;
import org.compliancekit.store.BlobStore.DeleteFailure;

/**
 * What a cleanup did.
 *
 * @param deletedFolders folders removed: past retention, or incomplete past the grace period
 * @param keptFolders folders left in place, including those the safety floor protected
 * @param failures objects that could not be deleted; cleanup tries them again next time
 */
public record CleanupResult(List<String> deletedFolders, List<String> keptFolders, List<DeleteFailure> failures) {
    public CleanupResult {
        deletedFolders = List.copyOf(deletedFolders);
        keptFolders = List.copyOf(keptFolders);
        failures = List.copyOf(failures);
    }
}
