package org.compliancekit.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.compliancekit.ConfigurationException;

/**
 * Checks checkpoint signatures with an Ed25519 public key alone: what an auditor holds. Thread-safe.
 */
public final class CheckpointVerifier {

    private final String keyId;
    private final PublicKey publicKey;

    CheckpointVerifier(String keyId, PublicKey publicKey) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * A verifier for key {@code keyId} from its X.509 SubjectPublicKeyInfo encoding in base64 (what
     * {@code openssl pkey -pubout -outform DER | base64} prints).
     */
    public static CheckpointVerifier fromBase64(String keyId, String x509PublicKeyBase64) {
        CheckpointSigner.requireKeyId(keyId);
        try {
            byte[] der = Base64.getMimeDecoder().decode(Objects.requireNonNull(x509PublicKeyBase64, "public key"));
            return new CheckpointVerifier(keyId, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("the audit checkpoint public key for key id '" + keyId + "' is not a "
                    + "base64 X.509 Ed25519 public key; export it with 'openssl pkey -pubout -outform DER | base64'", e);
        }
    }

    /** The key id this verifier accepts. */
    public String keyId() {
        return keyId;
    }

    /** The public key in base64 X.509 form, to hand to an auditor. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Whether {@code checkpoint} names this key and its signature matches its statement. */
    public boolean verify(Checkpoint checkpoint) {
        if (!keyId.equals(checkpoint.keyId())) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(AuditChain.checkpointMessage(checkpoint.sequence(), checkpoint.headHash(), checkpoint.createdAt(),
                    checkpoint.keyId()));
            return s.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // An undecodable or malformed signature is simply not a valid one.
            return false;
        }
    }
}
