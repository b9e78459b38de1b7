package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.compliancekit.StorageException;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.BlobStore.BlobInfo;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BlobStore} promises. An implementation's test extends this class and supplies a
 * store; each test works under its own random prefix, so one store instance may serve all tests.
 */
public abstract class BlobStoreContractTest {

    /** The store under test; called before each test. */
    protected abstract BlobStore store();

    /** Size of the "large" object; big enough to cross the implementation's buffering (e.g. S3 part size). */
    protected long largeObjectBytes() {
        return 3L * 1024 * 1024 + 17;
    }

    /** How many keys the listing test creates; above the implementation's page size where practical. */
    protected int listingKeyCount() {
        return 60;
    }

    private BlobStore store;
    private String prefix;

    @BeforeEach
    void setUp() {
        store = store();
        prefix = "contract/" + UUID.randomUUID() + "/";
    }

    @Test
    void putThenGetRoundTripsBytes() throws IOException {
        write(prefix + "a.json", "hello \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
        assertThat(read(prefix + "a.json")).isEqualTo("hello \uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyObjectRoundTrips() throws IOException {
        write(prefix + "empty", new byte[0]);
        assertThat(store.exists(prefix + "empty")).isTrue();
        assertThat(read(prefix + "empty")).isEmpty();
    }

    @Test
    void largeObjectOfUnknownLengthStreamsThrough() throws Exception {
        long size = largeObjectBytes();
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024 + 3]; // odd size: crosses part boundaries unaligned
        try (BlobOutput out = store.put(prefix + "large.bin")) {
            long left = size;
            while (left > 0) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
        }
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = store.get(prefix + "large.bin")) {
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                read.update(buf, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(written.digest());
        try (Stream<BlobInfo> s = store.list(prefix + "large.bin")) {
            assertThat(s.toList()).singleElement().satisfies(i -> assertThat(i.size()).isEqualTo(size));
        }
    }

    @Test
    void objectIsInvisibleUntilClosed() throws IOException {
        BlobOutput out = store.put(prefix + "pending");
        out.write(new byte[] {1, 2, 3});
        out.flush();
        assertThat(store.exists(prefix + "pending")).isFalse();
        out.close();
        assertThat(store.exists(prefix + "pending")).isTrue();
    }

    @Test
    void abortLeavesNoObject() throws IOException {
        BlobOutput out = store.put(prefix + "aborted");
        out.write(new byte[1000]);
        out.abort();
        out.abort();
        assertThat(store.exists(prefix + "aborted")).isFalse();
        try (Stream<BlobInfo> s = store.list(prefix)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void abortOfAReplacementKeepsTheOldObject() throws IOException {
        write(prefix + "kept", new byte[] {7});
        BlobOutput out = store.put(prefix + "kept");
        out.write(new byte[] {8, 9});
        out.abort();
        assertThat(read(prefix + "kept")).containsExactly(7);
    }

    @Test
    void closedPutReplacesAnExistingObject() throws IOException {
        write(prefix + "x", new byte[] {1});
        write(prefix + "x", new byte[] {2, 2});
        assertThat(read(prefix + "x")).containsExactly(2, 2);
    }

    @Test
    void getOfAMissingKeyNamesTheKey() {
        String key = prefix + "missing.json";
        assertThatThrownBy(() -> store.get(key).close())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(key);
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void listReturnsOnlyThePrefixInKeyOrderAcrossPages() throws IOException {
        int n = listingKeyCount();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = prefix + "list/" + String.format("%05d", i) + ".json";
            write(key, new byte[] {(byte) i});
            expected.add(key);
        }
        write(prefix + "other/0.json", new byte[] {1});
        write(prefix + "lis", new byte[] {1});
        try (Stream<BlobInfo> s = store.list(prefix + "list/")) {
            List<BlobInfo> listed = s.toList();
            assertThat(listed).extracting(BlobInfo::key).containsExactlyElementsOf(expected);
            assertThat(listed).allSatisfy(i -> {
                assertThat(i.size()).isEqualTo(1);
                assertThat(i.lastModified()).isNotNull();
            });
        }
        try (Stream<BlobInfo> s = store.list(prefix + "nothing-here/")) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void listIsLazy() throws IOException {
        for (int i = 0; i < 5; i++) {
            write(prefix + "lazy/" + i, new byte[] {1});
        }
        try (Stream<BlobInfo> s = store.list(prefix + "lazy/")) {
            assertThat(s.limit(2).toList()).hasSize(2);
        }
    }

    @Test
    void deleteRemovesKeysInBatchesAndIgnoresMissingOnes() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < listingKeyCount(); i++) {
            String key = prefix + "del/" + i;
            write(key, new byte[] {1});
            keys.add(key);
        }
        write(prefix + "del-keep", new byte[] {1});
        keys.add(prefix + "del/never-existed");
        assertThat(store.delete(keys)).isEmpty();
        try (Stream<BlobInfo> s = store.list(prefix)) {
            assertThat(s.map(BlobInfo::key).toList()).containsExactly(prefix + "del-keep");
        }
        assertThat(store.delete(List.of())).isEmpty();
    }

    @Test
    void rejectsKeysThatEscapeTheirFolder() {
        assertThatThrownBy(() -> store.put("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("/absolute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Writes {@code data} at {@code key} and closes the output. */
    protected final void write(String key, byte[] data) throws IOException {
        try (BlobOutput out = store.put(key)) {
            out.write(data);
        }
    }

    /** Reads the whole object at {@code key}. */
    protected final byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }
}
