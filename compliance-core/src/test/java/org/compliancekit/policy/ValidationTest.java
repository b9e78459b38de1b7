package org.compliancekit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.Condition;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;

class ValidationTest {
    static final SchemaDescription SCHEMA = SchemaDescription.of(
            new TableSchema("users", List.of(
                    ColumnSchema.of("id", SqlType.BIGINT, false),
                    ColumnSchema.text("email", 255, false),
                    ColumnSchema.text("name", 100, true),
                    ColumnSchema.text("initials", 4, true),
                    ColumnSchema.text("short_code", 20, true),
                    ColumnSchema.of("age", SqlType.INTEGER, true),
                    ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)),
                    List.of("id"), List.of()),
            new TableSchema("orders", List.of(
                    ColumnSchema.of("id", SqlType.BIGINT, false),
                    ColumnSchema.of("user_id", SqlType.BIGINT, false),
                    ColumnSchema.text("status", 20, false),
                    ColumnSchema.text("address", 200, true),
                    ColumnSchema.of("shipped_at", SqlType.TIMESTAMP_TZ, true)),
                    List.of("id"), List.of(new ForeignKey("fk", List.of("user_id"), "users", List.of("id")))),
            new TableSchema("order_items", List.of(
                    ColumnSchema.of("id", SqlType.BIGINT, false),
                    ColumnSchema.of("order_id", SqlType.BIGINT, false),
                    ColumnSchema.text("note", 100, true)),
                    List.of("id"), List.of()),
            new TableSchema("logs", List.of(ColumnSchema.text("line", 100, true)), List.of(), List.of()));

    @Test
    void aCorrectPolicyHasNoProblems() {
        PiiMap map = PiiMap.builder()
                .table("users", t -> t.subjectId("id").field("email", Strategy.hash()).field("name", Strategy.redact()))
                .table("orders", t -> t.subjectId("user_id").field("address", Strategy.nulled()))
                .table("order_items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")),
                        SubjectLink.id("user_id"))).field("note", Strategy.nulled()))
                .build();
        CompliancePolicy policy = CompliancePolicy.of(map).withRules(List.of(
                RetentionRule.anonymize("orders").afterDays(30).countingFrom("shipped_at")
                        .when(Condition.in("status", "shipped")).build()));
        ValidationReport report = Validation.validate(policy, SCHEMA);
        assertThat(report.problems()).isEmpty();
        assertThat(report.throwIfInvalid()).isSameAs(report);
    }

    @Test
    void reportsEveryProblemAtOnceNamingTableAndColumn() {
        PiiMap map = PiiMap.builder()
                .table("users", t -> t.subjectId("id")
                        .field("email", Strategy.nulled())            // NULL on NOT NULL
                        .field("age", Strategy.redact())               // REDACT on non-text
                        .field("initials", Strategy.redact())          // text longer than column
                        .field("short_code", Strategy.hash())          // HASH longer than column
                        .field("missing", Strategy.nulled())           // unknown column
                        .field("name", Strategy.redact())
                        .field("name", Strategy.nulled())              // mapped twice
                        .field("id", Strategy.hash()))                 // primary key erased
                .table("ghosts", t -> t.field("x", Strategy.nulled())) // unknown table
                .table("orders", t -> t.subjectId("owner").field("address", Strategy.nulled())) // unknown link column
                .table("order_items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_ref", "orders", "id")),
                        SubjectLink.id("user_id"))).field("note", Strategy.nulled())) // path does not connect
                .table("USERS", t -> t.field("name", Strategy.nulled())) // a table mapped twice
                .table("logs", t -> t.field("line", Strategy.nulled())) // no primary key
                .build();
        List<RetentionRule> rules = List.of(
                RetentionRule.delete("orders").named("r1").afterDays(10).countingFrom("nope").build(),
                RetentionRule.delete("orders").named("r2").afterDays(10).countingFrom("status").build(),
                RetentionRule.delete("orders").named("r3").afterDays(10).countingFrom("shipped_at")
                        .when(Condition.isTrue("paid")).build(),
                RetentionRule.anonymize("order_items").named("r4").afterDays(10).countingFrom("id").build(),
                RetentionRule.delete("nowhere").named("r5").afterDays(10).countingFrom("x").build(),
                RetentionRule.delete("orders").named("r5").afterDays(10).countingFrom("shipped_at").build());
        ValidationReport report = Validation.validate(new CompliancePolicy(map, rules, null, null), SCHEMA);

        assertThat(report.errors()).extracting(Problem::location).contains(
                "users.email", "users.age", "users.initials", "users.short_code", "users.missing", "users.name",
                "users.id", "ghosts", "orders.owner", "order_items.order_ref", "USERS", "logs",
                "orders.nope", "orders.status", "orders.paid", "order_items.id", "rule r5");
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("NULL on a NOT NULL column"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("REDACT on a non-text column"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("column holds 4"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("HASH output is 48"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("subject path does not connect"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("not a date or timestamp"));
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.message()).contains("mapped twice"));
        assertThat(report.errors()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThatThrownBy(report::throwIfInvalid).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("users.email").hasMessageContaining("orders.nope");
    }

    @Test
    void aPathThatConnectsButEndsInAMissingColumnNamesTheEndTable() {
        PiiMap map = PiiMap.builder()
                .table("order_items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")),
                        SubjectLink.email("customer_email"))).field("note", Strategy.nulled()))
                .build();
        assertThat(Validation.validate(CompliancePolicy.of(map), SCHEMA).errors()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("orders.customer_email");
            assertThat(p.message()).contains("end of the path from order_items");
        });
    }

    @Test
    void warnsWhenBackupsOutliveTheShortestRetentionPeriod() {
        PiiMap map = PiiMap.builder().table("users", t -> t.field("name", Strategy.redact())).build();
        List<RetentionRule> rules = List.of(
                RetentionRule.delete("orders").named("orders").afterDays(30).countingFrom("shipped_at").build(),
                RetentionRule.delete("orders").named("long").afterDays(365).countingFrom("shipped_at").build());
        BackupSettings backups = BackupSettings.defaults().withEnabled(true).withRetention(Duration.ofDays(30));
        ValidationReport report = Validation.validate(new CompliancePolicy(map, rules, backups, AuditSettings.defaults()), SCHEMA);
        assertThat(report.isValid()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo("backup.retention");
            assertThat(w.message()).contains("rule orders").contains("30 days");
        });
        ValidationReport shorter = Validation.validate(new CompliancePolicy(map, rules,
                backups.withRetention(Duration.ofDays(29)), AuditSettings.defaults()), SCHEMA);
        assertThat(shorter.warnings()).isEmpty();
    }
}
