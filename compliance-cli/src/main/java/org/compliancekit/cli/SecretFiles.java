package org.compliancekit.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.CheckpointVerifier;
import org.compliancekit.crypto.KeyRing;

/**
 * Reads and writes the files that hold secrets: backup keys (one base64 line) and the audit signing key (a
 * properties file with {@code key-id}, {@code private}, {@code public}). Messages name files and key ids, never
 * contents.
 */
final class SecretFiles {
    static final String AUDIT_KEY_ID = "key-id";
    static final String AUDIT_PRIVATE = "private";
    static final String AUDIT_PUBLIC = "public";

    private static final Pattern WITH_ID = Pattern.compile("([A-Za-z0-9._-]{1,64}):(.+)");

    private SecretFiles() {
    }

    /** A key ring from {@code [id:]file} arguments, the first being the primary; empty for no arguments. */
    static KeyRing keyRing(List<String> specs) {
        if (specs.isEmpty()) {
            return KeyRing.empty();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        String primary = null;
        for (String spec : specs) {
            Matcher m = WITH_ID.matcher(spec);
            Path file = Path.of(m.matches() ? m.group(2) : spec);
            String id = m.matches() ? m.group(1) : baseName(file);
            if (keys.put(id, read(file, "--key-file").strip()) != null) {
                throw new ConfigurationException("--key-file names key id '" + id + "' twice; give each key its own id "
                        + "(id:file)");
            }
            primary = primary == null ? id : primary;
        }
        return KeyRing.of(primary, keys);
    }

    /** The audit checkpoint signer stored in {@code file} by {@code keygen --audit}. */
    static CheckpointSigner auditSigner(Path file) {
        Properties p = auditProperties(file, "--audit-key-file", List.of(AUDIT_KEY_ID, AUDIT_PRIVATE, AUDIT_PUBLIC));
        return CheckpointSigner.fromBase64(p.getProperty(AUDIT_KEY_ID), p.getProperty(AUDIT_PRIVATE),
                p.getProperty(AUDIT_PUBLIC));
    }

    /**
     * The public key in {@code file}: the {@code .pub} file {@code keygen --audit} writes beside the key, or the key
     * file itself (only its public half is read).
     */
    static CheckpointVerifier auditPublicKey(Path file) {
        Properties p = auditProperties(file, "--audit-public-key-file", List.of(AUDIT_KEY_ID, AUDIT_PUBLIC));
        return CheckpointVerifier.fromBase64(p.getProperty(AUDIT_KEY_ID), p.getProperty(AUDIT_PUBLIC));
    }

    private static Properties auditProperties(Path file, String option, List<String> required) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(requireFile(file, option), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigurationException(option + " " + file + " cannot be read", e);
        }
        for (String k : required) {
            if (p.getProperty(k, "").isBlank()) {
                throw new ConfigurationException(option + " " + file + " has no '" + k + "' entry; create it "
                        + "with 'compliance keygen --audit --out <file>'");
            }
        }
        return p;
    }

    /** A new random 32-byte backup key, base64, written to a new owner-only file. */
    static void writeBackupKey(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        createPrivate(file, Base64.getEncoder().encodeToString(key) + "\n");
    }

    /**
     * A new audit signing key pair written to a new owner-only file, and its public half to {@link #publicKeyFile}
     * for auditors; returns the public key, base64.
     */
    static String writeAuditKey(Path file, String keyId) {
        Path publicFile = publicKeyFile(file);
        if (Files.exists(publicFile)) {
            throw new ConfigurationException(publicFile + " already exists; keygen never overwrites a key, "
                    + "choose a new --out file");
        }
        CheckpointSigner signer = CheckpointSigner.generate(keyId);
        String publicKey = signer.verifier().publicKeyBase64();
        createPrivate(file, "# Compliance Kit audit checkpoint signing key; keep it in a secret store\n"
                + AUDIT_KEY_ID + "=" + signer.keyId() + "\n"
                + AUDIT_PRIVATE + "=" + signer.privateKeyBase64() + "\n"
                + AUDIT_PUBLIC + "=" + publicKey + "\n");
        createPrivate(publicFile, "# Compliance Kit audit checkpoint public key: verifies checkpoints, cannot sign; "
                + "hand it to auditors (--audit-public-key-file)\n"
                + AUDIT_KEY_ID + "=" + signer.keyId() + "\n"
                + AUDIT_PUBLIC + "=" + publicKey + "\n");
        return publicKey;
    }

    /** Where {@code keygen --audit} puts the public half of the key in {@code keyFile}: beside it, ending {@code .pub}. */
    static Path publicKeyFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    /** The key id a file gives by default: its name without extension. */
    static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(requireFile(file, option), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(option + " " + file + " cannot be read", e);
        }
    }

    private static Path requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(option + " " + file + " does not exist or is not a file");
        }
        return file;
    }

    /** Creates the file readable by its owner only before any secret is written to it; never replaces a file. */
    private static void createPrivate(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                w.write(content);
            } catch (IOException e) {
                Files.deleteIfExists(file); // never leave a truncated key behind to be mistaken for a good one
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("--out " + file + " already exists; keygen never overwrites a key, "
                    + "choose a new file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
