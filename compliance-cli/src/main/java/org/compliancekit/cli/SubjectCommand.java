package org.compliancekit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.ExportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Data-subject requests: access (export) and erasure. */
@Command(name = "subject", description = "Export or erase everything held about one data subject.",
        subcommands = {SubjectCommand.Export.class, SubjectCommand.Erase.class})
final class SubjectCommand extends CommandGroup {
    /** The subject, which both subcommands take. */
    abstract static class SubjectSubcommand extends DatabaseCommand {

        @Option(names = "--id", paramLabel = "<id>", description = "The subject's id.")
        String id;

        @Option(names = "--email", paramLabel = "<address>", description = "The subject's email address.")
        String email;

        SubjectRef subject() {
            if (id == null && email == null) {
                throw new ConfigurationException("name the subject with --id, --email or both");
            }
            return SubjectRef.of(id, email);
        }
    }

    /** Writes the subject's data as one JSON bundle to a file, published only when complete. */
    @Command(name = "export", description = "Write everything held about the subject as one JSON file (GDPR art. 15,"
            + " CCPA right to know). The file appears only when the export is complete.")
    static final class Export extends SubjectSubcommand {
        @Option(names = "--out", required = true, paramLabel = "<file>", description = "The new JSON file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (Files.exists(out)) {
                throw new ConfigurationException("--out " + out + " already exists; choose a new file");
            }
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, ".export-", ".partial");
            try (CliKit e = kit()) {
                ExportSummary s;
                try (OutputStream o = Files.newOutputStream(partial)) {
                    s = e.subjectRights().export(subject(), actor(), o);
                }
                Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
                return report(true, s, w -> {
                    w.println("exported " + s.totalRows() + " rows of " + s.subject() + " to " + out);
                    s.rows().forEach((t, n) -> w.printf("  %-30s %8d rows%n", t, n));
                    s.skipped().forEach(x -> w.println("  skipped: " + x));
                });
            } finally {
                deleteQuietly(partial);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover hidden .partial file holds an incomplete export; the next export uses a new name
            }
        }
    }

    /** Erases the subject now, or says what an erasure would change. */
    @Command(name = "erase", description = "Erase the subject (GDPR art. 17, CCPA right to delete): anonymize or "
            + "delete their rows per the map, and record a receipt in the audit trail.")
    static final class Erase extends SubjectSubcommand {
        @Option(names = "--dry-run", description = "Only count what would change; the receipt says dry run.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            try (CliKit e = kit()) {
                ErasureReceipt r = dryRun ? e.subjectRights().dryRun(subject(), actor())
                        : e.subjectRights().erase(subject(), actor());
                return report(r.status() == ErasureReceipt.Status.COMPLETED, r, w -> {
                    w.println("erasure of " + r.subject() + (r.dryRun() ? " (dry run)" : "") + ": "
                            + r.status().name().toLowerCase(Locale.ROOT) + ", " + r.totalChanged()
                            + " rows " + (r.dryRun() ? "would change" : "changed"));
                    r.tables().forEach(t -> w.printf("  %-30s %-9s %6d found %6d %s%s%n", t.table(),
                            t.action(), t.found(), t.changed(), r.dryRun() ? "would change" : "changed",
                            t.skipped().isEmpty() ? "" : " (skipped: " + t.skipped() + ")"));
                    r.failedHooks().forEach(h -> w.println("  hook failed: " + h));
                });
            }
        }
    }
}
