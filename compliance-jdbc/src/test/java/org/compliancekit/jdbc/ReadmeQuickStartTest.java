package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.Condition;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.subject.ErasureReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's quick start, executed: the body of {@link #quickStart} is the code the README shows (a test below
 * keeps the two identical), run on a fresh database whose first daily run must succeed.
 */
class ReadmeQuickStartTest {
    private static final String BEGIN = "// quick start: begin";
    private static final String END = "// quick start: end";

    @TempDir
    Path backupDir;

    record Outcome(ComplianceKit kit, JobReport report, ErasureReceipt receipt) {
    }

    static Outcome quickStart(DataSource dataSource, Path backupDir, String backupKey, byte[] hashSecret,
            CheckpointSigner signer) {
        // quick start: begin
        PiiMap map = PiiMap.builder()
            .table("users", t -> t.primaryKey("id").subjectId("id")
                .purpose("customer account")
                .field("email", Strategy.hash())        // keyed HMAC: keeps uniqueness, drops the address
                .field("name", Strategy.redact())       // "[REDACTED]"
                .field("phone", Strategy.nulled()))
            .table("orders", t -> t.primaryKey("id").subjectId("user_id")
                .field("shipping_address", Strategy.redact())
                .keep("amount", "bookkeeping law: 5 years"))
            .table("leads", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                .field("email", Strategy.nulled()))
            .build();
        CompliancePolicy policy = CompliancePolicy.of(map)
            .withRules(List.of(
                RetentionRule.anonymize("orders").afterDays(30).countingFrom("status_changed_at")
                    .when(Condition.in("status", "shipped", "delivered", "cancelled", "refunded")).build(),
                RetentionRule.delete("leads").afterDays(90).countingFrom("created_at").build()))
            .withBackup(BackupSettings.defaults().withEnabled(true));

        ComplianceKit kit = JdbcComplianceKit.builder(dataSource, policy)  // PostgreSQL, MariaDB/MySQL or H2
            .withSigner(signer)                                 // signs audit checkpoints
            .withBlobStore(FileSystemBlobStore.at(backupDir))   // or S3BlobStore from compliance-s3
            .withKeys(KeyRing.single("2026-01", backupKey))     // openssl rand -base64 32
            .withHashSecret(hashSecret)                         // behind Strategy.hash()
            .build();                      // validates the policy against the live schema, with the whole report

        JobReport report = kit.dailyJob().run();  // backup → cleanup → PII deletion, each when due; once per cluster
        ErasureReceipt receipt = kit.subjectRights().erase(SubjectRef.ofId(2), "support:alice");  // a subject request
        // quick start: end
        return new Outcome(kit, report, receipt);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void theQuickStartsFirstDailyRunSucceedsOnAFreshDatabase(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200), name VARCHAR(200),"
                            + " phone VARCHAR(40))",
                    "CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id),"
                            + " shipping_address VARCHAR(200), amount DECIMAL(10, 2) NOT NULL, status VARCHAR(20) NOT NULL,"
                            + " status_changed_at TIMESTAMP NOT NULL)",
                    "CREATE TABLE leads (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200), created_at TIMESTAMP NOT NULL)",
                    "INSERT INTO users VALUES (1, 'ann@example.com', 'Ann', '+44 1'), (2, 'bob@example.com', 'Bob', '+44 2')",
                    "INSERT INTO orders VALUES (10, 1, '1 Long Road', 12.50, 'shipped', TIMESTAMP '2020-01-01 00:00:00'),"
                            + " (11, 1, '1 Long Road', 99.00, 'pending', TIMESTAMP '2020-01-01 00:00:00')",
                    "INSERT INTO leads VALUES (20, 'lead@example.com', TIMESTAMP '2020-01-01 00:00:00'),"
                            + " (21, 'new@example.com', TIMESTAMP '2099-01-01 00:00:00')");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);

            Outcome o = quickStart(db.dataSource(), backupDir, Base64.getEncoder().encodeToString(key), new byte[32],
                    CheckpointSigner.generate("audit-1"));

            assertThat(o.report().locked()).isFalse();
            assertThat(o.report().backup().state()).isEqualTo(StepState.RAN);
            assertThat(o.report().backup().result().status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(o.report().cleanup().state()).isEqualTo(StepState.RAN);
            assertThat(o.report().piiDeletion().state()).isEqualTo(StepState.RAN);
            assertThat(o.report().piiDeletion().result().rules())
                    .extracting(r -> r.rule() + "=" + r.affected() + "/" + r.status().wireName())
                    .containsExactly("orders-anonymize=1/completed", "leads-delete=1/completed");
            assertThat(o.receipt().totalChanged()).isEqualTo(1);
            assertThat(o.kit().auditLog().verify().valid()).isTrue();
            assertThat(o.kit().backups().orElseThrow().verify(o.report().backup().result().folder()).ok()).isTrue();
        }
    }

    @Test
    void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String test = Files.readString(root.resolve("compliance-jdbc/src/test/java/org/compliancekit/jdbc/"
                + "ReadmeQuickStartTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int method = test.indexOf("static Outcome quickStart(");
        String body = test.substring(test.indexOf(BEGIN, method) + BEGIN.length(), test.indexOf(END, method));
        String shown = Arrays.stream(body.split("\n")).map(l -> l.startsWith("        ") ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n")).strip();
        assertThat(readme).contains("```java\n" + shown + "\n```");
    }
}
