package org.compliancekit.examples.spring;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo's secrets — the backup key and the HASH secret — generated on first start into an owner-only file
 * beside the database. A real shop takes them from its secret store ({@code compliance.backup.keys.*},
 * {@code compliance.hash-secret}).
 */
record ShopSecrets(String backupKey, byte[] hashSecret) {

    static ShopSecrets loadOrCreate(Path file) {
        try {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
            } else {
                SecureRandom random = new SecureRandom();
                p.setProperty("backup-key", Base64.getEncoder().encodeToString(random(random)));
                p.setProperty("hash-secret", Base64.getEncoder().encodeToString(random(random)));
                Files.createDirectories(file.getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer w = Files.newBufferedWriter(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                    p.store(w, "demo secrets of the example shop");
                }
            }
            return new ShopSecrets(p.getProperty("backup-key"), Base64.getDecoder().decode(p.getProperty("hash-secret")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo secrets at " + file, e);
        }
    }

    private static byte[] random(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}
