package org.compliancekit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditStatus;
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
    /** The audit event type of a key file warning. */
    static final String KEY_FILE_WARNING = "key_file_warning";

    private static final Pattern WITH_ID = Pattern.compile("([A-Za-z0-9._-]{1,64}):(.+)");

    private SecretFiles() {
    }

    /**
     * A key ring from {@code [id:]file} arguments, the first being the primary; empty for no arguments. A key file
     * that group or others may read is used, with a warning to {@code warnings}, as ssh does.
     */
    static KeyRing keyRing(List<String> specs, Consumer<String> warnings) {
        if (specs.isEmpty()) {
            return KeyRing.empty();
        }
        Map<String, String> keys = new LinkedHashMap<>();
        String primary = null;
        for (String spec : specs) {
            Matcher m = WITH_ID.matcher(spec);
            Path file = Path.of(m.matches() ? m.group(2) : spec);
            String id = m.matches() ? m.group(1) : baseName(file);
            String content = read(file, "--key-file");
            exposure(file).ifPresent(p -> warnings.accept("--key-file " + file + " is readable by " + p
                    + "; restrict it with 'chmod 600 " + file + "'"));
            if (keys.put(id, content.strip()) != null) {
                throw new ConfigurationException("--key-file names key id '" + id + "' twice; give each key its own id "
                        + "(id:file)");
            }
            primary = primary == null ? id : primary;
        }
        return KeyRing.of(primary, keys);
    }

    /** Prints each warning on {@code err} and records it in the audit trail, naming files only. */
    static void warn(List<String> warnings, PrintWriter err, AuditLog audit) {
        for (String w : warnings) {
            err.println("warning: " + w);
            audit.append(new AuditEvent(KEY_FILE_WARNING, AuditStatus.SUCCESS, "cli", w, Map.of(), Duration.ZERO,
                    false));
        }
    }

    /** Who besides the owner may read {@code file} ("group", "others", "group and others"), if anyone. */
    static Optional<String> exposure(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            boolean group = p.contains(PosixFilePermission.GROUP_READ);
            boolean others = p.contains(PosixFilePermission.OTHERS_READ);
            return group || others ? Optional.of(group && others ? "group and others" : group ? "group" : "others")
                    : Optional.empty();
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // no POSIX permissions to judge (Windows ACLs)
        }
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
            throw new ConfigurationException(option + " " + file + " cannot be read: " + reason(e), e);
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
            throw new ConfigurationException(option + " " + file + " cannot be read: " + reason(e), e);
        }
    }

    /** The system's reason, which names the file and never its content. */
    private static String reason(IOException e) {
        return e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName();
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
