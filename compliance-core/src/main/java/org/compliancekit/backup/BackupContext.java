package org.compliancekit.backup;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.crypto.SegmentedAesGcm;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;

/** Everything an operation needs, fixed when {@link Backups} is built. */
record BackupContext(
        DataStore dataStore,
        BlobStore blobStore,
        AuditLog auditLog,
        KeyRing keys,
        BackupSettings settings,
        Clock clock,
        int segmentSize,
        int safetyFloor,
        Duration incompleteGrace,
        BackupProgress progress) {

    /** The same context for one journaled run: its engine records through the run and reports progress to it. */
    BackupContext journaled(AuditLog runLog, BackupProgress runProgress) {
        return new BackupContext(dataStore, blobStore, runLog, keys, settings, clock, segmentSize, safetyFloor,
                incompleteGrace, runProgress);
    }

    Layout layout() {
        return new Layout(settings.name());
    }

    SegmentedAesGcm aead() {
        return new SegmentedAesGcm(keys, segmentSize);
    }

    /** The manifest of {@code folder}, or empty when the folder has none (incomplete or absent). */
    Optional<ManifestCodec.Read> manifest(String folder) {
        String key = layout().manifestKey(folder);
        if (!blobStore.exists(key)) {
            return Optional.empty();
        }
        try (InputStream in = blobStore.get(key)) {
            return Optional.of(ManifestCodec.read(in.readAllBytes(), keys, key));
        } catch (IOException e) {
            throw new StorageException("cannot read " + key + "; retry, or check the blob store", e);
        }
    }
}
