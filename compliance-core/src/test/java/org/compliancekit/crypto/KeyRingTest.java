package org.compliancekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.CryptoException;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    static final String KEY = SegmentedAesGcmTest.key(7);

    @Test
    void rejectsMalformedKeysWithoutEchoingThem() {
        assertThatThrownBy(() -> KeyRing.single("k1", "not base64!!"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'k1'")
                .hasMessageNotContaining("not base64!!");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.single("k1", shortKey))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void rejectsBadIdsAndAMissingPrimary() {
        assertThatThrownBy(() -> KeyRing.single("a/b", KEY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> KeyRing.of("c", Map.of("a", KEY))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("primary key id 'c'");
        assertThatThrownBy(() -> KeyRing.of("a", Map.of())).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void toStringNamesIdsOnly() {
        KeyRing ring = KeyRing.of("b", Map.of("a", KEY, "b", SegmentedAesGcmTest.key(8)));
        assertThat(ring.toString()).isEqualTo("KeyRing[primary=b, keyIds=[a, b]]");
        assertThat(ring.keyIds()).containsExactly("a", "b");
    }

    @Test
    void macDependsOnKeyPurposeAndData() {
        KeyRing ring = KeyRing.of("a", Map.of("a", KEY, "b", SegmentedAesGcmTest.key(8)));
        byte[] mac = ring.hmacSha256("a", "p1", new byte[] {1});
        assertThat(mac).hasSize(32).isEqualTo(ring.hmacSha256("a", "p1", new byte[] {1}));
        assertThat(ring.hmacSha256("b", "p1", new byte[] {1})).isNotEqualTo(mac);
        assertThat(ring.hmacSha256("a", "p2", new byte[] {1})).isNotEqualTo(mac);
        assertThat(ring.hmacSha256("a", "p1", new byte[] {2})).isNotEqualTo(mac);
        assertThatThrownBy(() -> ring.hmacSha256("zz", "p1", new byte[0])).isInstanceOf(CryptoException.class)
                .hasMessageContaining("'zz'");
        assertThat(KeyRing.empty().isEmpty()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zeros", "ones", "repeated", "counting-mod-8"})
    void degenerateKeysAreRefusedWithoutShowingThem(String kind) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) switch (kind) {
                case "zeros" -> 0;
                case "ones" -> 0xff;
                case "repeated" -> "secret".charAt(i % 6);
                default -> i % 8;
            };
        }
        String base64 = java.util.Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> KeyRing.single("weak", base64)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'weak'").hasMessageContaining("degenerate").hasMessageNotContaining(base64);
    }
}
