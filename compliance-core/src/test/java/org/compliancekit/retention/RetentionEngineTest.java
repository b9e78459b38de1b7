package org.compliancekit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.Condition;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionEngineTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 6, 1, 3, 0);
    static final Clock CLOCK = Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    static final ErasureContext CTX = ErasureContext.withHashSecret("retention-test-secret-32-bytes!!".getBytes());

    static final TableSchema USERS = new TableSchema("users", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false)), List.of("id"), List.of());
    static final TableSchema ORDERS = new TableSchema("orders", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("user_id", SqlType.BIGINT, true),
            ColumnSchema.text("status", 20, false),
            ColumnSchema.of("status_changed_at", SqlType.TIMESTAMP, true),
            ColumnSchema.text("email", 255, true),
            ColumnSchema.text("shipping_address", 200, true)),
            List.of("id"), List.of(new ForeignKey("fk_orders_user", List.of("user_id"), "users", List.of("id"))));
    static final TableSchema CONTACTS = new TableSchema("contacts", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());
    static final TableSchema SUBSCRIBERS = new TableSchema("subscribers", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("active", SqlType.BOOLEAN, true),
            ColumnSchema.of("updated_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());
    static final TableSchema FEEDBACK = new TableSchema("feedback", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());
    static final TableSchema COUPON_USAGE = new TableSchema("coupon_usage", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("user_id", SqlType.BIGINT, true),
            ColumnSchema.text("ip", 45, true),
            ColumnSchema.of("used_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());

    static final PiiMap MAP = PiiMap.builder()
            .table("orders", t -> t.subjectId("user_id").field("email", Strategy.hash())
                    .field("shipping_address", Strategy.redact()))
            .table("coupon_usage", t -> t.subjectId("user_id").field("ip", Strategy.nulled()))
            .build();

    InMemoryDataStore store;
    InMemoryAuditLog audit;
    RetentionEngine engine;

    @BeforeEach
    void setUp() {
        store = InMemoryDataStore.of(USERS, ORDERS, CONTACTS, SUBSCRIBERS, FEEDBACK, COUPON_USAGE);
        audit = InMemoryAuditLog.builder(CLOCK).build();
        engine = engine(LegalHold.none(), 1_000);
        for (long u = 1; u <= 3; u++) {
            store.insert("users", Map.of("id", u));
        }
    }

    RetentionEngine engine(LegalHold hold, int batchSize) {
        return engine(hold, batchSize, List.of());
    }

    RetentionEngine engine(LegalHold hold, int batchSize, List<RetentionRule> rules) {
        return RetentionEngine.builder(store, MAP, audit).withClock(CLOCK).withErasureContext(CTX)
                .withLegalHold(hold).withBatchSize(batchSize).withRules(rules).build();
    }

    void order(long id, long user, String status, LocalDateTime changed) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("user_id", user);
        row.put("status", status);
        row.put("status_changed_at", changed);
        row.put("email", "buyer" + id + "@example.com");
        row.put("shipping_address", id + " Long Road");
        store.insert("orders", row);
    }

    @Test
    void rowsExpireExactlyAtThePeriodNotASecondBefore() {
        order(1, 1, "shipped", NOW.minusDays(30));                 // exactly at the period
        order(2, 1, "shipped", NOW.minusDays(30).plusSeconds(1));  // one second short of it
        order(3, 1, "shipped", NOW.minusDays(30).minusSeconds(1)); // one second past it
        RetentionResult r = engine(LegalHold.none(), 1_000, List.of(RetentionPresets.orders("orders", "status", "status_changed_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.rules()).singleElement().satisfies(x -> assertThat(x.affected()).isEqualTo(2));
        assertThat(addresses()).containsEntry(1L, "[REDACTED]").containsEntry(2L, "2 Long Road").containsEntry(3L, "[REDACTED]");
    }

    @Test
    void theFiveSeedRulesEachTakeOnlyTheirRows() {
        order(1, 1, "shipped", NOW.minusDays(31));
        order(2, 1, "pending", NOW.minusDays(300));   // not a closed state
        order(3, 2, "refunded", NOW.minusDays(31));
        order(4, 2, "cancelled", null);               // no timestamp: never expires
        store.insert("contacts", Map.of("id", 1L, "created_at", NOW.minusDays(91)));
        store.insert("contacts", Map.of("id", 2L, "created_at", NOW.minusDays(89)));
        store.insert("subscribers", Map.of("id", 1L, "active", false, "updated_at", NOW.minusDays(91)));
        store.insert("subscribers", Map.of("id", 2L, "active", true, "updated_at", NOW.minusDays(400)));
        Map<String, Object> unknownActive = new HashMap<>();
        unknownActive.put("id", 3L);
        unknownActive.put("active", null);
        unknownActive.put("updated_at", NOW.minusDays(400));
        store.insert("subscribers", unknownActive);
        store.insert("feedback", Map.of("id", 1L, "created_at", NOW.minusDays(181)));
        store.insert("feedback", Map.of("id", 2L, "created_at", NOW.minusDays(179)));
        store.insert("coupon_usage", Map.of("id", 1L, "user_id", 1L, "ip", "10.0.0.1", "used_at", NOW.minusDays(90)));
        store.insert("coupon_usage", Map.of("id", 2L, "user_id", 1L, "ip", "10.0.0.2", "used_at", NOW.minusDays(10)));

        RetentionResult r = engine(LegalHold.none(), 1_000, RetentionPresets.defaults()).execute(AuditEvent.SYSTEM);

        assertThat(r.status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(r.rules()).extracting(RuleResult::rule, RuleResult::affected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", 2L),
                org.assertj.core.groups.Tuple.tuple("contacts", 1L),
                org.assertj.core.groups.Tuple.tuple("subscribers", 1L),
                org.assertj.core.groups.Tuple.tuple("feedback", 1L),
                org.assertj.core.groups.Tuple.tuple("coupon-usage", 1L));
        assertThat(store.rows("contacts")).extracting(m -> m.get("id")).containsExactly(2L);
        assertThat(store.rows("subscribers")).extracting(m -> m.get("id")).containsExactly(2L, 3L);
        assertThat(store.rows("feedback")).extracting(m -> m.get("id")).containsExactly(2L);
        assertThat(store.rows("coupon_usage")).extracting(m -> m.get("ip")).containsExactly(null, "10.0.0.2");
        assertThat(addresses()).containsEntry(2L, "2 Long Road").containsEntry(4L, "4 Long Road");
    }

    @Test
    void andOrAndNullConditionsSelectAsSqlWould() {
        order(1, 1, "shipped", NOW.minusDays(40));
        order(2, 2, "delivered", NOW.minusDays(40));
        order(3, 3, "refunded", NOW.minusDays(40));
        RetentionRule rule = RetentionRule.anonymize("orders").afterDays(30).countingFrom("status_changed_at")
                .when(Condition.and(Condition.isNotNull("user_id"),
                        Condition.or(Condition.in("status", "shipped"), Condition.in("user_id", 3)))).build();
        assertThat(engine(LegalHold.none(), 1_000, List.of(rule)).plan().rules().get(0).sampleKeys()).containsExactly(RowKey.of(1L), RowKey.of(3L));
        RetentionRule nulls = RetentionRule.anonymize("orders").afterDays(30).countingFrom("status_changed_at")
                .when(Condition.isNull("user_id")).build();
        assertThat(engine(LegalHold.none(), 1_000, List.of(nulls)).plan().totalMatching()).isZero();
    }

    @Test
    void executingRightAfterAPlanAffectsExactlyThePlannedRowsAndASecondRunNone() {
        for (int i = 1; i <= 50; i++) {
            order(i, 1 + i % 3, i % 2 == 0 ? "shipped" : "delivered", NOW.minusDays(20 + i));
        }
        List<RetentionRule> rules = List.of(RetentionPresets.orders("orders", "status", "status_changed_at"));
        RetentionPlan plan = engine(LegalHold.none(), 1_000, rules).plan();
        assertThat(plan.totalMatching()).isEqualTo(41); // changed 30 days ago or earlier: i >= 10
        assertThat(plan.rules().get(0).sampleKeys()).hasSize(RetentionEngine.DEFAULT_SAMPLE_SIZE);
        assertThat(events()).isEmpty(); // a plan records nothing

        RetentionResult first = engine(LegalHold.none(), 1_000, rules).execute(AuditEvent.SYSTEM);
        assertThat(first.totalAffected()).isEqualTo(plan.totalMatching());
        Map<Long, Object> emails = column("email");

        RetentionResult second = engine(LegalHold.none(), 1_000, rules).execute(AuditEvent.SYSTEM);
        assertThat(second.totalAffected()).isZero();
        assertThat(column("email")).isEqualTo(emails); // hashed values are not hashed again
        assertThat(engine(LegalHold.none(), 1_000, rules).plan().totalMatching()).isZero();
    }

    @Test
    void batchesAreBoundedAndEachCommits() {
        for (int i = 1; i <= 25; i++) {
            store.insert("contacts", Map.of("id", (long) i, "created_at", NOW.minusDays(100)));
        }
        RetentionResult r = engine(LegalHold.none(), 10, List.of(RetentionPresets.contacts("contacts", "created_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.rules().get(0).batches()).isEqualTo(3);
        assertThat(r.totalAffected()).isEqualTo(25);
        assertThat(store.count("contacts")).isZero();
    }

    @Test
    void heldSubjectsAndRowsAreCountedAndLeftAlone() {
        order(1, 1, "shipped", NOW.minusDays(40));
        order(2, 2, "shipped", NOW.minusDays(40));
        order(3, 2, "shipped", NOW.minusDays(40));
        order(4, 3, "shipped", NOW.minusDays(40));
        LegalHold hold = new LegalHold() {
            @Override
            public Set<RowKey> held(String table, List<MatchedRow> rows) {
                return rows.stream()
                        .filter(m -> Long.valueOf(2L).equals(m.subject()) || m.key().equals(RowKey.of(4L)))
                        .map(MatchedRow::key).collect(Collectors.toSet());
            }

            @Override
            public boolean isHeld(SubjectRef subject) {
                return subject.id().filter("2"::equals).isPresent();
            }
        };
        List<RetentionRule> rules = List.of(RetentionPresets.orders("orders", "status", "status_changed_at"));
        RetentionEngine held = engine(hold, 2, rules);
        RetentionPlan plan = held.plan();
        assertThat(plan.rules().get(0).matching()).isEqualTo(1);
        assertThat(plan.rules().get(0).held()).isEqualTo(3);
        RetentionResult r = held.execute(AuditEvent.SYSTEM);
        assertThat(r.rules().get(0).affected()).isEqualTo(1);
        assertThat(r.rules().get(0).held()).isEqualTo(3);
        assertThat(addresses()).containsEntry(1L, "[REDACTED]").containsEntry(2L, "2 Long Road")
                .containsEntry(3L, "3 Long Road").containsEntry(4L, "4 Long Road");
    }

    @Test
    void aMisconfiguredRuleFailsAloneAndTheOthersStillRun() {
        store.insert("contacts", Map.of("id", 1L, "created_at", NOW.minusDays(100)));
        RetentionRule broken = RetentionRule.delete("users").named("users").afterDays(1).countingFrom("id").build();
        RetentionResult r = engine(LegalHold.none(), 1_000, List.of(broken, RetentionPresets.contacts("contacts", "created_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(r.rules().get(0).status()).isEqualTo(AuditStatus.FAILED);
        assertThat(r.rules().get(0).error()).contains("users.id");
        assertThat(r.rules().get(1).status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(r.rules().get(1).affected()).isEqualTo(1);
        assertThat(store.count("users")).isEqualTo(3);
    }

    @Test
    void aRuleOnAMissingTableOrAnUnmappedTableFailsAloneAndIsAuditedAsPartial() {
        store.insert("contacts", Map.of("id", 1L, "created_at", NOW.minusDays(100)));
        RetentionRule missing = RetentionRule.delete("ghosts").afterDays(1).countingFrom("created_at").build();
        RetentionRule unmapped = RetentionRule.anonymize("subscribers").afterDays(1).countingFrom("updated_at").build();
        RetentionResult r = engine(LegalHold.none(), 1_000,
                List.of(missing, unmapped, RetentionPresets.contacts("contacts", "created_at"))).execute("admin-1");
        assertThat(r.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(r.rules().get(0).status()).isEqualTo(AuditStatus.FAILED);
        assertThat(r.rules().get(0).error()).contains("ghosts");
        assertThat(r.rules().get(1).status()).isEqualTo(AuditStatus.FAILED);
        assertThat(r.rules().get(1).error()).contains("subscribers").contains("PII map");
        assertThat(r.rules().get(2).affected()).isEqualTo(1);
        AuditEvent event = events().get(events().size() - 1);
        assertThat(event.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(event.details().toString()).contains("ghosts").contains("failed");
    }

    @Test
    void aDeleteBlockedByAReferencingRowReportsTheConstraint() {
        TableSchema accounts = new TableSchema("accounts", List.of(
                ColumnSchema.of("id", SqlType.BIGINT, false),
                ColumnSchema.of("closed_at", SqlType.TIMESTAMP, true)), List.of("id"), List.of());
        TableSchema invoices = new TableSchema("invoices", List.of(
                ColumnSchema.of("id", SqlType.BIGINT, false),
                ColumnSchema.of("account_id", SqlType.BIGINT, false)), List.of("id"),
                List.of(new ForeignKey("fk_invoices_account", List.of("account_id"), "accounts", List.of("id"))));
        store = InMemoryDataStore.of(accounts, invoices, CONTACTS);
        store.insert("accounts", Map.of("id", 1L, "closed_at", NOW.minusDays(400)));
        store.insert("invoices", Map.of("id", 1L, "account_id", 1L));
        store.insert("contacts", Map.of("id", 1L, "created_at", NOW.minusDays(100)));
        engine = engine(LegalHold.none(), 1_000);
        RetentionRule accountsRule = RetentionRule.delete("accounts").afterDays(365).countingFrom("closed_at").build();
        RetentionResult r = engine(LegalHold.none(), 1_000, List.of(accountsRule, RetentionPresets.contacts("contacts", "created_at"))).execute(AuditEvent.SYSTEM);
        assertThat(r.status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(r.rules().get(0).error()).contains("fk_invoices_account").contains("invoices");
        assertThat(store.count("accounts")).isEqualTo(1);
        assertThat(store.count("contacts")).isZero();
    }

    @Test
    void everyRunRecordsOnePiiDeletionEventWithCountsAndNoRowContent() {
        order(1, 1, "shipped", NOW.minusDays(40));
        List<RetentionRule> rules = List.of(RetentionPresets.orders("orders", "status", "status_changed_at"));
        engine(LegalHold.none(), 1_000, rules).dryRun("admin-7");
        engine(LegalHold.none(), 1_000, rules).execute(AuditEvent.SYSTEM);
        assertThat(events()).hasSize(2);
        AuditEvent dry = events().get(0);
        assertThat(dry.type()).isEqualTo(AuditEvent.TYPE_PII_DELETION);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.actor()).isEqualTo("admin-7");
        assertThat(((Number) dry.details().get("matching")).longValue()).isEqualTo(1L);
        AuditEvent run = events().get(1);
        assertThat(run.dryRun()).isFalse();
        assertThat(run.actor()).isEqualTo(AuditEvent.SYSTEM);
        assertThat(run.status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(((Number) run.details().get("affected")).longValue()).isEqualTo(1L);
        assertThat(run.toString()).doesNotContain("buyer1@example.com").doesNotContain("Long Road");
        assertThat(dry.toString()).doesNotContain("buyer1@example.com");
    }

    @Test
    void anAnonymizeRuleForAnUnmappedTableIsAConfigurationError() {
        RetentionRule rule = RetentionRule.anonymize("contacts").afterDays(1).countingFrom("created_at").build();
        assertThatThrownBy(() -> engine(LegalHold.none(), 1_000, List.of(rule)).plan()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contacts");
        assertThatThrownBy(() -> RetentionEngine.builder(store, MAP, audit).withBatchSize(0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("batch size");
    }

    /** Stored audit events, oldest first. */
    /** The engine's outcome records, oldest first; the run journal's records are left out. */
    private List<AuditEvent> events() {
        List<AuditEvent> newestFirst = audit.query(AuditQuery.all()).stream().map(AuditRecord::event)
                .filter(e -> !e.type().startsWith("run_")).toList();
        List<AuditEvent> out = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private Map<Long, Object> addresses() {
        return column("shipping_address");
    }

    private Map<Long, Object> column(String name) {
        Map<Long, Object> out = new java.util.TreeMap<>();
        store.rows("orders").forEach(r -> out.put((Long) r.get("id"), r.get(name)));
        return out;
    }
}
