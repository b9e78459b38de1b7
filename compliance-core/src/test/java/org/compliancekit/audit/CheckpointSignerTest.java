package org.compliancekit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.compliancekit.ConfigurationException;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

    private final CheckpointSigner generated = CheckpointSigner.generate("k1");

    @Test
    void keysFromConfigurationSignWhatThePublicKeyVerifies() {
        CheckpointSigner configured = CheckpointSigner.fromBase64("k1", generated.privateKeyBase64(),
                generated.verifier().publicKeyBase64());
        Checkpoint c = configured.sign(7, "a".repeat(64), Instant.parse("2026-02-02T02:02:02Z"));
        CheckpointVerifier auditor = CheckpointVerifier.fromBase64("k1", generated.verifier().publicKeyBase64());
        assertThat(auditor.verify(c)).isTrue();
        assertThat(generated.verifier().verify(c)).isTrue();
    }

    @Test
    void anyChangeToTheStatementBreaksTheSignature() {
        Checkpoint c = generated.sign(7, "a".repeat(64), Instant.parse("2026-02-02T02:02:02Z"));
        CheckpointVerifier v = generated.verifier();
        assertThat(v.verify(new Checkpoint(8, c.headHash(), c.createdAt(), c.keyId(), c.signature()))).isFalse();
        assertThat(v.verify(new Checkpoint(7, "b".repeat(64), c.createdAt(), c.keyId(), c.signature()))).isFalse();
        assertThat(v.verify(new Checkpoint(7, c.headHash(), c.createdAt().plusSeconds(1), c.keyId(), c.signature()))).isFalse();
        assertThat(v.verify(new Checkpoint(7, c.headHash(), c.createdAt(), "k2", c.signature()))).isFalse();
        assertThat(v.verify(new Checkpoint(7, c.headHash(), c.createdAt(), c.keyId(), "not base64!"))).isFalse();
    }

    @Test
    void mismatchedKeysAreRejectedWithoutShowingThem() {
        CheckpointSigner other = CheckpointSigner.generate("k1");
        assertThatThrownBy(() -> CheckpointSigner.fromBase64("k1", generated.privateKeyBase64(),
                other.verifier().publicKeyBase64()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not one key pair")
                .hasMessageNotContaining(generated.privateKeyBase64().substring(20, 40));
    }

    @Test
    void malformedKeysAndKeyIdsNameTheProblem() {
        assertThatThrownBy(() -> CheckpointSigner.fromBase64("k1", "bm90IGEga2V5", generated.verifier().publicKeyBase64()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PKCS#8 Ed25519 private key");
        assertThatThrownBy(() -> CheckpointVerifier.fromBase64("k1", "%%%"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("X.509 Ed25519 public key");
        assertThatThrownBy(() -> CheckpointSigner.generate("has space"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("key id");
    }
}
