package org.compliancekit.examples;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.CleanupResult;
import org.compliancekit.jdbc.JdbcComplianceKit;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.Step;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionPlan;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.retention.RuleResult;
import org.compliancekit.store.FileSystemBlobStore;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The example shop's daily compliance run: an embedded H2 database with a shop's tables and demo data, the PII map
 * in the Java DSL, backups to a folder under {@code target/}, and the daily job run once with a printed summary.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java}. Run it again: backup and PII
 * deletion are not due a second time the same day, and nothing is left for deletion to change.
 */
public final class ExampleShop {
    private ExampleShop() {
    }

    public static void main(String[] args) throws SQLException {
        Path dir = Path.of(System.getProperty("example.dir", "target/example-shop")).toAbsolutePath();
        if (!run(dir, Clock.systemUTC(), System.out)) {
            System.exit(1);
        }
    }

    /**
     * Runs the daily job once on the shop database in {@code dir}, creating it with demo data on first use, and
     * prints the summary to {@code out}.
     *
     * @return whether the audit chain verified afterwards
     */
    public static boolean run(Path dir, Clock clock, java.io.PrintStream out) throws SQLException {
        Instant started = clock.instant();

        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("shop") + ";AUTO_SERVER=FALSE");
        ds.setUser("sa");
        boolean created = new DemoData(started).createIfMissing(ds);

        ExampleSecrets secrets = ExampleSecrets.loadOrCreate(dir.resolve("secrets.properties"));
        // The façade creates the audit and job-lock tables when missing and validates the policy against the schema.
        ComplianceKit kit = JdbcComplianceKit.builder(ds, ShopPolicy.policy())
                .withSigner(secrets.auditSigner())
                .withBlobStore(FileSystemBlobStore.at(dir.resolve("backups")))
                .withKeys(secrets.backupKeys())
                .withHashSecret(secrets.hashSecret())
                .withClock(clock)
                .build();
        kit.validation().warnings().forEach(w -> out.println("warning: " + w));
        AuditLog audit = kit.auditLog();

        long auditBefore = head(audit);
        JobReport run = kit.dailyJob().run();

        out.println();
        out.println("Compliance Kit example shop — daily run at " + run.startedAt());
        out.println("database: " + dir.resolve("shop.mv.db") + (created ? " (created with demo data)" : ""));
        printBackup(run.backup(), out);
        printCleanup(run.cleanup(), out);
        printDeletion(run.piiDeletion(), kit.retention(), out);
        List<AuditRecord> written = audit.query(AuditQuery.all().withLimit(1000)).stream()
                .filter(r -> r.sequence() > auditBefore).toList();
        out.println("audit events written: " + written.size());
        for (int i = written.size() - 1; i >= 0; i--) {
            AuditRecord r = written.get(i);
            out.printf("  #%d %-15s %-9s %s%n", r.sequence(), r.event().type(), r.event().status().wireName(),
                    r.event().summary());
        }
        AuditVerification verification = audit.verify();
        out.println("audit chain: " + (verification.valid()
                ? "verified, " + verification.recordsChecked() + " records, "
                        + verification.checkpointsChecked() + " checkpoints"
                : "BROKEN at " + verification.firstBreak()));
        return verification.valid();
    }

    private static void printBackup(Step<BackupResult> step, java.io.PrintStream out) {
        if (step.state() != StepState.RAN) {
            out.println("backup: " + describe(step));
            return;
        }
        BackupResult b = step.result();
        out.printf("backup: %s to %s — %d tables, %d rows, %,d bytes, %d failed%n", b.status().wireName(),
                b.folder(), b.tables().size(), b.rows(), b.storedBytes(), b.failures().size());
        b.tables().forEach(t -> out.printf("  %-20s %6d rows %,10d bytes%n", t.table(), t.rows(), t.storedBytes()));
    }

    private static void printCleanup(Step<CleanupResult> step, java.io.PrintStream out) {
        if (step.state() != StepState.RAN) {
            out.println("backup cleanup: " + describe(step));
            return;
        }
        CleanupResult c = step.result();
        out.println("backup cleanup: " + c.deletedFolders().size() + " folders deleted " + c.deletedFolders()
                + ", " + c.keptFolders().size() + " kept");
    }

    private static void printDeletion(Step<RetentionResult> step, RetentionEngine retention, java.io.PrintStream out) {
        if (step.state() == StepState.RAN) {
            RetentionResult r = step.result();
            out.println("PII deletion: " + r.status().wireName() + ", " + r.totalAffected() + " rows changed");
            for (RuleResult x : r.rules()) {
                out.printf("  %-13s %-9s %-16s %4d rows %s%n", x.rule(), x.action().name().toLowerCase(java.util.Locale.ROOT),
                        x.table(), x.affected(), x.error() == null ? "" : "— " + x.error());
            }
            return;
        }
        RetentionPlan pending = retention.plan();
        out.println("PII deletion: " + describe(step) + "; rows it would change now: " + pending.totalMatching());
    }

    private static String describe(Step<?> step) {
        return step.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (step.reason().isEmpty() ? "" : " (" + step.reason() + ")");
    }

    private static long head(AuditLog audit) {
        return audit.query(AuditQuery.all().withLimit(1)).stream().mapToLong(AuditRecord::sequence).findFirst().orElse(0);
    }
}
