package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.compliancekit.audit.AuditQuery;
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
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.FileSystemBlobStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcComplianceKitTest {
    @TempDir
    Path backups;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFreshDatabaseRunsItsFirstDailyJob(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE contacts (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200),"
                            + " created_at TIMESTAMP NOT NULL)",
                    "INSERT INTO contacts VALUES (1, 'old@example.com', TIMESTAMP '2020-01-01 00:00:00')",
                    "INSERT INTO contacts VALUES (2, 'new@example.com', TIMESTAMP '2037-01-01 00:00:00')");
            PiiMap map = PiiMap.builder()
                    .table("contacts", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                            .field("email", Strategy.nulled()))
                    .build();
            CompliancePolicy policy = CompliancePolicy.of(map)
                    .withRules(List.of(RetentionRule.delete("contacts").afterDays(90).countingFrom("created_at").build()))
                    .withBackup(BackupSettings.defaults().withEnabled(true));
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);

            ComplianceKit kit = JdbcComplianceKit.builder(db.dataSource(), policy)
                    .withSigner(CheckpointSigner.generate("audit-1"))
                    .withBlobStore(FileSystemBlobStore.at(backups))
                    .withKeys(KeyRing.single("k1", Base64.getEncoder().encodeToString(key)))
                    .build();
            JobReport report = kit.dailyJob().run();

            assertThat(report.locked()).isFalse();
            assertThat(report.backup().state()).isEqualTo(StepState.RAN);
            assertThat(report.backup().result().status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(report.piiDeletion().result().totalAffected()).isEqualTo(1);
            assertThat(JdbcComplianceKit.tableExists(db.dataSource(), JdbcJobLock.DEFAULT_TABLE)).isTrue();
            assertThat(kit.auditLog()).isInstanceOf(JdbcAuditLog.class);
            assertThat(kit.auditLog().query(AuditQuery.all())).isNotEmpty();
            assertThat(kit.auditLog().verify().valid()).isTrue();

            // a second kit on the same database finds the tables in place
            ComplianceKit again = JdbcComplianceKit.builder(db.dataSource(), policy)
                    .withBlobStore(FileSystemBlobStore.at(backups))
                    .withKeys(KeyRing.single("k1", Base64.getEncoder().encodeToString(key))).build();
            assertThat(again.dailyJob().run().piiDeletion().state()).isNotEqualTo(StepState.FAILED);
        }
    }
}
