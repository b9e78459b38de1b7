package org.compliancekit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import picocli.CommandLine.Option;

/** The policy file: PII map, retention rules and backup settings ({@code docs/pii-map.md}). */
final class PolicyOptions {
    @Option(names = "--map", paramLabel = "<policy.yaml>", description = "The policy file (PII map, rules, settings).")
    Path map;

    /** The policy, or a configuration error when the option is missing or the file does not exist. */
    CompliancePolicy require() {
        return read().orElseThrow(() -> new ConfigurationException("--map is required: the policy file with the "
                + "PII map, retention rules and backup settings"));
    }

    /** The policy when {@code --map} was given. */
    Optional<CompliancePolicy> read() {
        if (map == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(map)) {
            throw new ConfigurationException("--map " + map + " does not exist or is not a file");
        }
        return Optional.of(PolicyFiles.standard().read(map));
    }
}
