package org.compliancekit.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates a backup key or an audit signing key in a new file readable by its owner only; never prints it. */
@Command(name = "keygen", description = {"Create a backup key (32 random bytes, base64) or, with --audit, an audit "
        + "checkpoint signing key pair, in a new owner-only file, and its public half in <file>.pub for auditors. "
        + "The private key is never printed."})
final class KeygenCommand extends CliCommand {
    @Option(names = "--out", required = true, paramLabel = "<file>", description = "The new file; never overwritten.")
    Path out;

    @Option(names = "--audit", description = "Create an Ed25519 audit checkpoint signing key instead.")
    boolean audit;

    @Option(names = "--key-id", paramLabel = "<id>",
            description = "Key id of an audit key; default the file name without extension. (A backup key's id is "
                    + "its file name, or id:file in --key-file.)")
    String keyId;

    @Override
    public Integer call() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", out.toString());
        if (audit) {
            String id = keyId == null ? SecretFiles.baseName(out) : keyId;
            String publicKey = SecretFiles.writeAuditKey(out, id);
            result.put("kind", "audit");
            result.put("keyId", id);
            result.put("publicKey", publicKey);
            result.put("publicKeyFile", SecretFiles.publicKeyFile(out).toString());
        } else {
            if (keyId != null) {
                throw new ConfigurationException("--key-id applies to --audit keys; a backup key's "
                        + "id is its file name, or give it as --key-file id:file");
            }
            SecretFiles.writeBackupKey(out);
            result.put("kind", "backup");
            result.put("keyId", SecretFiles.baseName(out));
        }
        return report(true, result, w -> {
            w.println("wrote " + result.get("kind") + " key '" + result.get("keyId") + "' to " + out
                    + " (owner-only); keep a copy in your secret store");
            if (audit) {
                w.println("wrote its public key to " + result.get("publicKeyFile") + "; auditors verify with "
                        + "'audit verify --audit-public-key-file " + result.get("publicKeyFile") + "'");
            }
        });
    }
}
