package org.compliancekit.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The audit checkpoint signing key, as written by {@code keygen --audit}. */
final class AuditKeyOptions {
    @Option(names = "--audit-key-file", paramLabel = "<file>",
            description = "Audit checkpoint signing key (from 'keygen --audit'); without it no signed "
                    + "checkpoints are written.")
    Path auditKeyFile;

    Optional<Path> file() {
        return Optional.ofNullable(auditKeyFile);
    }
}
