package org.compliancekit.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.compliancekit.ConfigurationException;
import org.compliancekit.policy.Validation;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.subject.DiscoveryReport;
import org.compliancekit.subject.PiiDiscovery;
import org.compliancekit.subject.PolicyDraft;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** PII discovery: columns that look personal but are not in the map, or a first map drafted from the schema. */
@Command(name = "pii", description = "Find personal data the map does not cover, or draft a first map.",
        subcommands = PiiCommand.Scan.class)
final class PiiCommand extends CommandGroup {
    /** Scans column names and a sample of values, or drafts a policy from the schema. */
    @Command(name = "scan", description = "Flag columns whose names or sampled values look like personal data but "
            + "which the map does not mention. Reads a sample only; never prints values. With --draft-policy, write a "
            + "starting policy for the schema instead.")
    static final class Scan extends CliCommand {
        @Mixin
        DatabaseOptions db;
        @Mixin
        PolicyOptions policy;

        @Option(names = "--sample-rows", paramLabel = "<n>", defaultValue = "100",
                description = "Rows sampled per table, 0 to 1000; default ${DEFAULT-VALUE}.")
        int sampleRows;

        @Option(names = "--fail-on-findings", description = "Exit with 1 when anything is found (for CI).")
        boolean failOnFindings;

        @Option(names = "--draft-policy", description = "Draft a policy from the schema (needs --subject-table): "
                + "the subject table, every table reaching it by foreign keys, strategies for personal columns. "
                + "Reads the schema only.")
        boolean draftPolicy;

        @Option(names = "--subject-table", paramLabel = "<table>", description = "The table with one row per data "
                + "subject, for --draft-policy.")
        String subjectTable;

        @Option(names = "--out", paramLabel = "<file>", description = "Write the drafted policy to this new file "
                + "(never replacing one) instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (draftPolicy || subjectTable != null || out != null) {
                return draft();
            }
            try (CliKit e = kit(db, policy, new AuditKeyOptions())) {
                DiscoveryReport r = PiiDiscovery.builder(e.dataStore(), e.policy().map()).withSampleRows(sampleRows)
                        .build().scan();
                return report(r.clean() || !failOnFindings, r, w -> {
                    w.println("pii scan: " + r.tablesScanned() + " tables, " + r.rowsSampled() + " rows sampled, "
                            + r.findings().size() + " unmapped columns");
                    r.findings().forEach(f -> w.printf("  %s.%s (%s): %s%n", f.table(), f.column(),
                            f.basis().name().toLowerCase(Locale.ROOT), f.reason()));
                });
            }
        }

        private int draft() throws Exception {
            if (!draftPolicy || subjectTable == null) {
                throw new ConfigurationException("--draft-policy and --subject-table go together (--out is optional): "
                        + "e.g. pii scan --draft-policy --subject-table customer --out policy.yaml");
            }
            try (CliKit e = kit(db, new PolicyOptions(), new AuditKeyOptions())) {
                PolicyDraft draft = PolicyDraft.fromSchema(e.dataStore().describe(), subjectTable);
                ValidationReport check = Validation.validate(draft.policy(), e.dataStore().describe());
                if (out != null) {
                    try {
                        Files.writeString(Files.createFile(out), draft.yaml());
                    } catch (FileAlreadyExistsException x) {
                        throw new ConfigurationException("--out " + out + " already exists; choose a new file");
                    }
                }
                return report(check.errors().isEmpty(), check, w -> {
                    if (out == null) {
                        w.print(draft.yaml());
                    } else {
                        w.println("drafted a policy of " + draft.map().tables().size() + " tables for subjects in "
                                + subjectTable + " to " + out + "; review the lines marked REVIEW");
                    }
                    check.errors().forEach(p -> w.println("# problem: " + p));
                });
            }
        }
    }
}
