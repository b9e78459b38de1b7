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

    @Test
    void unfinishedWritesAreListedByTheirPathAndRemovable() throws IOException {
        BlobStore store = store();
        BlobOutput out = store.put("backups/main/2026-01-01/users.json");
        out.write(new byte[] {1});
        out.flush();
        write("backups/main/2026-01-01/orders.json", new byte[] {2});

        List<BlobInfo> unfinished;
        try (Stream<BlobInfo> s = store.listUnfinished("backups/main/")) {
            unfinished = s.toList();
        }
        assertThat(unfinished).singleElement().satisfies(b -> {
            assertThat(b.key()).startsWith("backups/main/2026-01-01/.users.json.").endsWith(".cktmp");
            assertThat(b.size()).isEqualTo(1);
            assertThat(b.lastModified()).isNotNull();
        });
        assertThat(store.deleteUnfinished(List.of("backups/main/2026-01-01/orders.json", "../outside.cktmp")))
                .hasSize(2).allSatisfy(f -> assertThat(f.error()).contains("not a temporary file"));
        assertThat(store.deleteUnfinished(List.of(unfinished.get(0).key()))).isEmpty();
        try (Stream<BlobInfo> s = store.listUnfinished("backups/main/")) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(store.exists("backups/main/2026-01-01/orders.json")).isTrue();
    }

    @Test
    void fileSystemFailuresKeepTheSystemsReasonAndThePath() throws IOException {
        BlobStore store = store();
        write("blocked", new byte[] {1}); // a file where a folder would have to be
        assertThatThrownBy(() -> store.put("blocked/x.json"))
                .hasMessageContaining("blocked/x.json").hasMessageContaining(root.resolve("blocked").toString())
                .hasMessageContaining("File already exists");
        Path file = root.resolve("plain-file");
        Files.write(file, new byte[] {1});
        assertThatThrownBy(() -> FileSystemBlobStore.at(file.resolve("sub")))
                .hasMessageContaining(file.toString()).hasMessageMatching(".*(Not a directory|File exists).*");
    }

    @Test
    void openingAnExistingStoreCreatesNothing() {
        Path missing = root.resolve("typo");
        assertThatThrownBy(() -> FileSystemBlobStore.existing(missing))
                .isInstanceOf(org.compliancekit.StorageException.class).hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        assertThat(FileSystemBlobStore.existing(root).exists("nothing")).isFalse();
    }
}
