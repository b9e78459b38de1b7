package org.compliancekit.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcComplianceKit;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.Step;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.policy.CompliancePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The policy's {@code audit.personalFieldsRetention} applied by the daily job of a kit on a real database: the
 * stored values of old records are gone from the {@code personal} column, newer ones stay, the chain verifies.
 */
class PersonalFieldsRetentionJdbcTest {
    static final Instant NOW = Instant.parse("2026-09-01T02:00:00Z");

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void theDailyJobErasesOldPersonalFieldsAndKeepsNewerOnes(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE contacts (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200),"
                    + " created_at TIMESTAMP NOT NULL)");
            // Written 40 days ago, by the application's own audit log of that time.
            AuditRecord old = JdbcAuditLog.builder(db.dataSource()).withAutoCreate(true)
                    .withClock(Clock.fixed(NOW.minus(Duration.ofDays(40)), ZoneOffset.UTC)).build()
                    .append(login().withPersonalField("ip", "203.0.113.7").withPersonalField("user_agent", "Firefox/128"));
            PiiMap map = PiiMap.builder().table("contacts", t -> t.primaryKey("id").subjectEmail("email").deleteRow()
                    .field("email", Strategy.nulled())).build();
            CompliancePolicy policy = CompliancePolicy.of(map).withAudit(AuditSettings.defaults()
                    .withPersonalFieldsRetention(Duration.ofDays(30), Set.of()));
            ComplianceKit kit = JdbcComplianceKit.builder(db.dataSource(), policy)
                    .withSigner(CheckpointSigner.generate("audit-1")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
            AuditRecord recent = kit.auditLog().append(login().withPersonalField("ip", "198.51.100.9"));

            JobReport report = kit.dailyJob().run();

            Step<PersonalFieldErasure> step = report.personalFieldsRetention();
            assertThat(step.state()).isEqualTo(StepState.RAN);
            assertThat(step.result().records()).isEqualTo(1);
            assertThat(step.result().fields()).isEqualTo(2);
            assertThat(personalColumn(db.dataSource(), old.sequence())).contains("commitment").contains("erased_at")
                    .doesNotContain("203.0.113.7").doesNotContain("Firefox");
            assertThat(personalColumn(db.dataSource(), recent.sequence())).contains("198.51.100.9");
            assertThat(kit.auditLog().verify().valid()).isTrue();
            assertThat(kit.auditLog().query(AuditQuery.all().withTypes(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE)))
                    .singleElement().satisfies(r -> assertThat(r.event().details()).containsEntry("reason", "retention"));

            // Due again only after the audit retention's cadence: a second run the same day leaves the trail alone.
            assertThat(kit.dailyJob().run().personalFieldsRetention().state()).isEqualTo(StepState.NOT_DUE);
        }
    }

    static AuditEvent login() {
        return new AuditEvent("login", AuditStatus.SUCCESS, "user:7", "login", Map.of(), Duration.ZERO, false);
    }

    static String personalColumn(DataSource ds, long sequence) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT personal FROM compliance_audit WHERE seq = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
