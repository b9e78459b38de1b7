package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.BlobStore.BlobInfo;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.compliancekit.store.FileSystemBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreContractTest extends BlobStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected BlobStore store() {
        return FileSystemBlobStore.at(root);
    }

    @Test
    void pendingWriteIsATemporaryFileThatListingSkips() throws IOException {
        BlobStore store = store();
        BlobOutput out = store.put("a/b.json");
        out.write(new byte[] {1});
        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().satisfies(n -> assertThat(n).startsWith(".b.json.").endsWith(".cktmp"));
        }
        try (Stream<BlobInfo> s = store.list("a/")) {
            assertThat(s.toList()).isEmpty();
        }
        out.close();
        assertThat(Files.readAllBytes(root.resolve("a/b.json"))).containsExactly(1);
        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void listOrdersKeysLikeStringsAcrossFolders() throws IOException {
        BlobStore store = store();
        for (String k : List.of("p/a/x", "p/a-b", "p/a.c", "p/b", "p/a/y/z")) {
            write(k, new byte[] {1});
        }
        try (Stream<BlobInfo> s = store.list("p/a")) {
            assertThat(s.map(BlobInfo::key).toList()).containsExactly("p/a-b", "p/a.c", "p/a/x", "p/a/y/z");
        }
    }

    @Test
    void deleteRemovesEmptiedFoldersAndRefusesReservedNames() throws IOException {
        BlobStore store = store();
        write("backups/main/2026-01-01/manifest.json", new byte[] {1});
        assertThat(store.delete(List.of("backups/main/2026-01-01/manifest.json"))).isEmpty();
        assertThat(root.resolve("backups")).doesNotExist();
        assertThat(root).exists();
        assertThatThrownBy(() -> store.put("x.cktmp")).isInstanceOf(IllegalArgumentException.class);
    }
}
