package org.compliancekit.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.compliancekit.ConfigurationException;
import org.compliancekit.CryptoException;

/**
 * Signs checkpoints with an Ed25519 key pair (the JDK's EdDSA), identified by a key id so that keys can be
 * rotated. The matching {@link #verifier()} needs only the public key. Thread-safe.
 */
public final class CheckpointSigner {

    private final PrivateKey privateKey;
    private final CheckpointVerifier verifier;

    private CheckpointSigner(PrivateKey privateKey, CheckpointVerifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    /**
     * A signer from configuration: the private key as base64 PKCS#8 and the public key as base64 X.509, as
     * {@code openssl genpkey -algorithm ed25519 -outform DER | base64} and
     * {@code openssl pkey -pubout -outform DER | base64} print them. Fails when the two keys do not belong together.
     */
    public static CheckpointSigner fromBase64(String keyId, String pkcs8PrivateKeyBase64, String x509PublicKeyBase64) {
        requireKeyId(keyId);
        CheckpointVerifier verifier = CheckpointVerifier.fromBase64(keyId, x509PublicKeyBase64);
        PrivateKey privateKey;
        try {
            byte[] der = Base64.getMimeDecoder().decode(Objects.requireNonNull(pkcs8PrivateKeyBase64, "private key"));
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("the audit checkpoint private key for key id '" + keyId + "' is not a "
                    + "base64 PKCS#8 Ed25519 private key; create one with 'openssl genpkey -algorithm ed25519 -outform DER "
                    + "| base64'", e);
        }
        CheckpointSigner signer = new CheckpointSigner(privateKey, verifier);
        Checkpoint probe = signer.sign(0, AuditChain.GENESIS_HASH, Instant.EPOCH);
        if (!verifier.verify(probe)) {
            throw new ConfigurationException("the audit checkpoint private and public keys for key id '" + keyId
                    + "' are not one key pair; configure the public key derived from the private key");
        }
        return signer;
    }

    /** A signer with a new random key pair, e.g. for tests; keep {@link #privateKeyBase64()} to reuse it. */
    public static CheckpointSigner generate(String keyId) {
        requireKeyId(keyId);
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointSigner(pair.getPrivate(), new CheckpointVerifier(keyId, pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("this JVM cannot generate Ed25519 keys; Java 15 or later provides them", e);
        }
    }

    /** The key id written into every checkpoint. */
    public String keyId() {
        return verifier.keyId();
    }

    /** The verifier for this signer's public key. */
    public CheckpointVerifier verifier() {
        return verifier;
    }

    /** The private key as base64 PKCS#8, to store in a secret store. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** Signs the statement "the chain had {@code sequence} records ending in {@code headHash} at {@code createdAt}". */
    public Checkpoint sign(long sequence, String headHash, Instant createdAt) {
        Instant at = AuditChain.truncate(createdAt);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(AuditChain.checkpointMessage(sequence, headHash, at, keyId()));
            return new Checkpoint(sequence, headHash, at, keyId(), Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("signing an audit checkpoint with key id '" + keyId() + "' failed", e);
        }
    }

    static void requireKeyId(String keyId) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new ConfigurationException("an audit checkpoint key id must be 1 to 64 characters of letters, digits, "
                    + "'.', '_', ':' or '-'");
        }
    }
}
