package org.compliancekit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.ExportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Data-subject requests: access (export) and erasure. Each outcome has its own exit code, so a script can tell an
 * erasure that changed rows from one that found nothing: 0 acted, 1 failed, 2 usage error, 3 no data held,
 * 4 already erased, 5 refused by a legal hold, 6 ambiguous (the identity matches several subjects), 7 erased but a
 * processor hook failed.
 */
@Command(name = "subject", description = "Export or erase everything held about one data subject.",
        subcommands = {SubjectCommand.Export.class, SubjectCommand.Erase.class})
final class SubjectCommand extends CommandGroup {
    static final int NO_DATA_HELD = 3;
    static final int ALREADY_ERASED = 4;
    static final int REFUSED_LEGAL_HOLD = 5;
    static final int AMBIGUOUS_SUBJECT = 6;
    static final int HOOKS_FAILED = 7;

    /** The subject, which both subcommands take. */
    abstract static class SubjectSubcommand extends DatabaseCommand {

        @Option(names = "--id", paramLabel = "<id>", description = "The subject's id, in the canonical form of the "
                + "id column's type (ASCII digits for integers, 8-4-4-4-12 for UUIDs, exact text otherwise).")
        String id;

        @Option(names = "--email", paramLabel = "<address>", description = "The subject's email address (compared "
                + "ignoring surrounding whitespace and the case of A-Z).")
        String email;

        @Option(names = "--identity", paramLabel = "<name>=<value>", description = "Another identity the map "
                + "declares, e.g. --identity phone=+4915112345678.")
        Map<String, String> identities = new LinkedHashMap<>();

        SubjectRef subject() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put(SubjectRef.ID, id);
            all.put(SubjectRef.EMAIL, email);
            for (Map.Entry<String, String> e : identities.entrySet()) {
                if (all.containsKey(e.getKey())) {
                    throw new ConfigurationException("--identity " + e.getKey() + "=...: use --" + e.getKey() + " instead");
                }
                all.put(e.getKey(), e.getValue());
            }
            if (all.values().stream().allMatch(v -> v == null || v.isBlank())) {
                throw new ConfigurationException("name the subject with --id, --email or --identity <name>=<value>");
            }
            return SubjectRef.ofIdentities(all);
        }
    }

    /** Writes the subject's data as one JSON bundle to a new file. */
    @Command(name = "export", description = "Write everything held about the subject as one JSON file (GDPR art. 15,"
            + " CCPA right to know). The file is created new (never replacing one), readable by its owner only.")
    static final class Export extends SubjectSubcommand {
        @Option(names = "--out", required = true, paramLabel = "<file>", description = "The new JSON file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SubjectRef subject = subject();
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            try (CliKit e = kit()) {
                return recorded(e, AuditEvent.TYPE_DATA_EXPORT, false, () -> {
                    ExportSummary s;
                    boolean complete = false;
                    // Created exclusively: if anything exists under the name at that moment, nothing is replaced, and
                    // only a file this command created is ever removed.
                    OutputStream created = create(out);
                    try (OutputStream o = created) {
                        s = e.subjectRights().export(subject, actor(), o);
                        complete = s.outcome() != ExportSummary.Outcome.AMBIGUOUS_SUBJECT;
                    } finally {
                        if (!complete) {
                            Files.deleteIfExists(out);
                        }
                    }
                    report(s.outcome() == ExportSummary.Outcome.EXPORTED, s, w -> {
                        w.println(switch (s.outcome()) {
                            case EXPORTED -> "exported " + s.totalRows() + " rows of " + s.subject() + " to " + out;
                            case ALREADY_ERASED -> "exported " + s.totalRows() + " rows of " + s.subject() + " to "
                                    + out + "; the subject is already erased (only kept rows remain)";
                            case NO_DATA_HELD -> "no data held for " + s.subject() + "; " + out
                                    + " says so and lists the tables searched";
                            case AMBIGUOUS_SUBJECT -> "not exported: the identities given match " + s.subjects()
                                    + " subjects; name one with --id";
                        });
                        printIdentities(w, s.identities(), s.subjects());
                        s.rows().forEach((t, n) -> w.printf("  %-30s %8d rows%n", t, n));
                        s.skipped().forEach(x -> w.println("  not searched: " + x));
                    });
                    return switch (s.outcome()) {
                        case EXPORTED -> ComplianceCli.OK;
                        case ALREADY_ERASED -> ALREADY_ERASED;
                        case NO_DATA_HELD -> NO_DATA_HELD;
                        case AMBIGUOUS_SUBJECT -> AMBIGUOUS_SUBJECT;
                    };
                });
            }
        }

        private static OutputStream create(Path out) throws IOException {
            try {
                if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(out);
                }
            } catch (FileAlreadyExistsException e) {
                throw new ConfigurationException("--out " + out + " already exists; choose a new file");
            }
            return Files.newOutputStream(out, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
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
            SubjectRef subject = subject();
            try (CliKit e = kit()) {
                return recorded(e, AuditEvent.TYPE_USER_DELETION, dryRun, () -> {
                    ErasureReceipt r = dryRun ? e.subjectRights().dryRun(subject, actor())
                            : e.subjectRights().erase(subject, actor());
                    report(r.status() == ErasureReceipt.Status.COMPLETED, r, w -> {
                        w.println("erasure of " + r.subject() + (r.dryRun() ? " (dry run)" : "") + ": "
                                + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + r.totalChanged()
                                + " rows " + (r.dryRun() ? "would change" : "changed") + " of " + r.totalFound()
                                + " found");
                        printIdentities(w, r.identities(), r.subjects());
                        r.tables().forEach(t -> w.printf("  %-30s %-9s %6d found %6d %s%s%n", t.table(),
                                t.action(), t.found(), t.changed(), r.dryRun() ? "would change" : "changed",
                                t.skipped().isEmpty() ? "" : " (" + t.skipped() + ")"));
                        r.failedHooks().forEach(h -> w.println("  hook failed: " + h));
                    });
                    return switch (r.status()) {
                        case COMPLETED -> ComplianceCli.OK;
                        case ALREADY_ERASED -> ALREADY_ERASED;
                        case NO_DATA_HELD -> NO_DATA_HELD;
                        case REFUSED_LEGAL_HOLD -> REFUSED_LEGAL_HOLD;
                        case AMBIGUOUS_SUBJECT -> AMBIGUOUS_SUBJECT;
                        case HOOKS_FAILED -> HOOKS_FAILED;
                    };
                });
            }
        }
    }

    private static void printIdentities(java.io.PrintWriter w, java.util.List<String> identities, int subjects) {
        w.println("  identities used: " + (identities.isEmpty() ? "none" : String.join(", ", identities))
                + "; resolved to " + subjects + (subjects == 1 ? " subject" : " subjects"));
    }
}
