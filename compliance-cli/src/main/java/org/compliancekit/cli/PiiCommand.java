package org.compliancekit.cli;

import java.util.Locale;
import org.compliancekit.subject.DiscoveryReport;
import org.compliancekit.subject.PiiDiscovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** PII discovery: columns that look personal but are not in the map. */
@Command(name = "pii", description = "Find personal data the map does not cover.",
        subcommands = PiiCommand.Scan.class)
final class PiiCommand extends CommandGroup {
    /** Scans column names and a sample of values. */
    @Command(name = "scan", description = "Flag columns whose names or sampled values look like personal data but "
            + "which the map does not mention. Reads a sample only; never prints values.")
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

        @Override
        public Integer call() throws Exception {
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
    }
}
