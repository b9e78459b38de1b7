package org.compliancekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.compliancekit.ConfigurationException;
import org.compliancekit.CryptoException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentedAesGcmTest {
    static final int SEGMENT = 1024;
    static final int SEALED = SEGMENT + 16;
    static final String KEY_A = key(1);
    static final String KEY_B = key(2);

    final SegmentedAesGcm aead = new SegmentedAesGcm(KeyRing.single("a", KEY_A), SEGMENT);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 517})
    void roundTripsAnyLength(int length) throws IOException {
        byte[] plain = random(length);
        byte[] sealed = encrypt(aead, plain);
        int segments = Math.max(1, (length + SEGMENT - 1) / SEGMENT); // a full final segment is the last one
        assertThat(sealed.length).isEqualTo(headerLength("a") + length + 16L * segments);
        assertThat(decrypt(aead, sealed)).isEqualTo(plain);
    }

    @Test
    void storedDigestSeesExactlyTheBytesWritten() throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = aead.encrypt(sink, "test.json.enc", digest)) {
            out.write(random(5 * SEGMENT + 3));
        }
        assertThat(digest.digest())
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(sink.toByteArray()));
    }

    @Test
    void sameInputEncryptsDifferentlyEachTime() throws IOException {
        byte[] plain = random(100);
        assertThat(encrypt(aead, plain)).isNotEqualTo(encrypt(aead, plain));
    }

    @Test
    void rejectsTruncationAtASegmentBoundary() throws IOException {
        byte[] sealed = encrypt(aead, random(3 * SEGMENT + 10));
        byte[] cut = Arrays.copyOf(sealed, headerLength("a") + 2 * SEALED);
        assertThatThrownBy(() -> decrypt(aead, cut)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("segment 1").hasMessageContaining("truncated");
    }

    @Test
    void rejectsTruncationInsideASegmentAndInsideTheHeader() throws IOException {
        byte[] sealed = encrypt(aead, random(2 * SEGMENT));
        assertThatThrownBy(() -> decrypt(aead, Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> decrypt(aead, Arrays.copyOf(sealed, headerLength("a"))))
                .isInstanceOf(CryptoException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> decrypt(aead, Arrays.copyOf(sealed, 20)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("header");
    }

    @Test
    void rejectsReorderedSegments() throws IOException {
        byte[] sealed = encrypt(aead, random(3 * SEGMENT + 10));
        int h = headerLength("a");
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, h, swapped, h + SEALED, SEALED);
        System.arraycopy(sealed, h + SEALED, swapped, h, SEALED);
        assertThatThrownBy(() -> decrypt(aead, swapped)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("segment 0");
    }

    @Test
    void rejectsAnEditOfAnyHeaderByte() throws IOException {
        byte[] sealed = encrypt(aead, random(50));
        for (int i = 0; i < headerLength("a"); i++) {
            byte[] edited = sealed.clone();
            edited[i] ^= 0x01;
            assertThatThrownBy(() -> decrypt(aead, edited)).as("header byte %d", i)
                    .isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void rejectsASegmentSizeOtherThanTheRecordedOne() throws IOException {
        byte[] sealed = encrypt(aead, random(10));
        assertThatThrownBy(() -> aead.decrypt(new ByteArrayInputStream(sealed), "t", 4096).close())
                .isInstanceOf(CryptoException.class).hasMessageContaining("segments of 1024 bytes");
        try (InputStream in = aead.decrypt(new ByteArrayInputStream(sealed), "t", SEGMENT)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void rejectsAFlippedCiphertextBit() throws IOException {
        byte[] sealed = encrypt(aead, random(2 * SEGMENT));
        sealed[headerLength("a") + SEALED + 5] ^= 0x40;
        assertThatThrownBy(() -> decrypt(aead, sealed)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("segment 1");
    }

    @Test
    void rejectsTheWrongKeyUnderTheSameId() throws IOException {
        byte[] sealed = encrypt(aead, random(10));
        SegmentedAesGcm other = new SegmentedAesGcm(KeyRing.single("a", KEY_B), SEGMENT);
        assertThatThrownBy(() -> decrypt(other, sealed)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("'a'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_A).doesNotContain(KEY_B));
    }

    @Test
    void namesAMissingKeyIdAndPicksTheHeaderKeyAfterRotation() throws IOException {
        byte[] sealed = encrypt(aead, random(10));
        SegmentedAesGcm onlyB = new SegmentedAesGcm(KeyRing.single("b", KEY_B), SEGMENT);
        assertThatThrownBy(() -> decrypt(onlyB, sealed)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("key id 'a'");
        SegmentedAesGcm rotated = new SegmentedAesGcm(KeyRing.of("b", Map.of("a", KEY_A, "b", KEY_B)), SEGMENT);
        byte[] plain = random(3000);
        assertThat(decrypt(rotated, encrypt(aead, plain))).isEqualTo(plain);
        assertThat(rotated.primaryKeyId()).isEqualTo("b");
        assertThat(decrypt(rotated, encrypt(rotated, plain))).isEqualTo(plain);
    }

    @Test
    void rejectsPlaintextAndNewerVersions() throws IOException {
        assertThatThrownBy(() -> decrypt(aead, "{\"rows\":[]}".getBytes())).isInstanceOf(CryptoException.class)
                .hasMessageContaining("bad magic");
        byte[] sealed = encrypt(aead, random(10));
        sealed[4] = 2;
        assertThatThrownBy(() -> decrypt(aead, sealed)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void rejectsSegmentSizesOutOfRangeAndAnEmptyRing() {
        assertThatThrownBy(() -> new SegmentedAesGcm(KeyRing.single("a", KEY_A), 100))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("segment size 100");
        assertThatThrownBy(() -> new SegmentedAesGcm(KeyRing.empty()).encrypt(new ByteArrayOutputStream(), "x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withKeys(..)");
    }

    static byte[] encrypt(SegmentedAesGcm aead, byte[] plain) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = aead.encrypt(sink, "test.json.enc")) {
            // uneven writes cross segment boundaries at odd places
            int pos = 0;
            for (int step = 1; pos < plain.length; step = step * 3 % 2000 + 1) {
                int n = Math.min(step, plain.length - pos);
                out.write(plain, pos, n);
                pos += n;
            }
        }
        return sink.toByteArray();
    }

    static byte[] decrypt(SegmentedAesGcm aead, byte[] sealed) throws IOException {
        try (InputStream in = aead.decrypt(new ByteArrayInputStream(sealed), "test.json.enc")) {
            return in.readAllBytes();
        }
    }

    static int headerLength(String keyId) {
        return 4 + 1 + 4 + 1 + keyId.length() + 32 + 7;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String key(int seed) {
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
