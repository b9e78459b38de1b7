package org.compliancekit.tck;

import java.nio.file.Path;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.subject.ErasureLedger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The blob-store ledger, over the in-memory and the filesystem blob stores. */
class BlobErasureLedgerContractTest {

    @Nested
    class InMemoryBlobs extends ErasureLedgerContractTest {
        private final BlobStore blobs = new InMemoryBlobStore();

        @Override
        protected ErasureLedger open() {
            return ErasureLedger.inBlobStore(blobs, "ledger/");
        }
    }

    @Nested
    class FileSystemBlobs extends ErasureLedgerContractTest {
        @TempDir
        Path root;

        @Override
        protected ErasureLedger open() {
            return ErasureLedger.inBlobStore(FileSystemBlobStore.at(root), "ledger/");
        }
    }
}
