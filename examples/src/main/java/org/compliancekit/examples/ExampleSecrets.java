package org.compliancekit.examples;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.crypto.KeyRing;

/**
 * The example's secrets: a backup key, the HASH secret and the audit signing key pair. Generated on the first run
 * and kept in a file next to the database so later runs can read their backups. A real deployment takes these from
 * its secret store (environment variables, Vault, KMS), never from a file beside the data.
 */
final class ExampleSecrets {
    private final Properties values;

    private ExampleSecrets(Properties values) {
        this.values = values;
    }

    static ExampleSecrets loadOrCreate(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
                return new ExampleSecrets(p);
            }
            SecureRandom random = new SecureRandom();
            p.setProperty("backup.key.id", "example-1");
            p.setProperty("backup.key", random32(random));
            p.setProperty("hash.secret", random32(random));
            CheckpointSigner signer = CheckpointSigner.generate("example-audit-1");
            p.setProperty("audit.key.id", signer.keyId());
            p.setProperty("audit.private", signer.privateKeyBase64());
            p.setProperty("audit.public", signer.verifier().publicKeyBase64());
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "Example shop secrets: demo only; keep real keys in a secret store");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the demo secrets stay readable to the user only where the OS allows
            }
            return new ExampleSecrets(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the example secrets at " + file, e);
        }
    }

    KeyRing backupKeys() {
        return KeyRing.single(values.getProperty("backup.key.id"), values.getProperty("backup.key"));
    }

    byte[] hashSecret() {
        return Base64.getDecoder().decode(values.getProperty("hash.secret"));
    }

    CheckpointSigner auditSigner() {
        return CheckpointSigner.fromBase64(values.getProperty("audit.key.id"), values.getProperty("audit.private"),
                values.getProperty("audit.public"));
    }

    private static String random32(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
