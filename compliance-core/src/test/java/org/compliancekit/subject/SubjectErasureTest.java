package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

class SubjectErasureTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SubjectRef ANN = SubjectRef.of(2, Shop.email(2));

    private final InMemoryAuditLog audit = TestAudit.log();
    private final InMemoryDataStore memory = Shop.store(6);
    private final RecordingStore store = new RecordingStore(memory);

    private SubjectRights.Builder builder(PiiMap map) {
        return SubjectRights.builder(store, map, audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32]));
    }

    private SubjectRights rights() {
        return builder(Shop.map()).build();
    }

    @Test
    void erasesEveryLinkedTableInOneTransactionChildrenFirst() {
        ErasureReceipt receipt = rights().erase(ANN, "support:alice");

        assertThat(store.transactions).hasValue(1);
        List<String> visited = receipt.tables().stream().map(ErasureReceipt.TableErasure::table).toList();
        assertThat(visited.indexOf("item_notes")).isLessThan(visited.indexOf("order_items"));
        assertThat(visited.indexOf("order_items")).isLessThan(visited.indexOf("orders"));
        assertThat(visited.indexOf("orders")).isLessThan(visited.indexOf("users"));
        assertThat(visited.indexOf("sessions")).isLessThan(visited.indexOf("users"));
        assertThat(store.writes).containsSubsequence("anonymize item_notes", "anonymize order_items",
                "anonymize orders", "anonymize users");

        Map<String, Object> user = row("users", 2);
        assertThat(user.get("email").toString()).startsWith("hmac:").hasSize(48);
        assertThat(user).containsEntry("name", "[REDACTED]").containsEntry("phone", null);
        assertThat(memory.rows("orders")).filteredOn(r -> r.get("user_id").equals(2L))
                .hasSize(3).allSatisfy(r -> assertThat(r).containsEntry("shipping_address", "[REDACTED]"))
                .extracting(r -> r.get("amount").toString()).containsExactly("19.90", "20.90", "21.90");
        assertThat(memory.rows("item_notes")).filteredOn(r -> "[REDACTED]".equals(r.get("note"))).hasSize(6);
        assertThat(memory.rows("order_items")).filteredOn(r -> r.get("gift_message") == null).hasSize(6);
        assertThat(memory.rows("sessions")).noneMatch(r -> r.get("user_id").equals(2L));
        assertThat(memory.rows("leads")).noneMatch(r -> r.get("id").equals(2L));
        // Everyone else is untouched.
        assertThat(row("users", 3)).containsEntry("email", Shop.email(3)).containsEntry("name", "Name 3");
        assertThat(memory.rows("leads")).extracting(r -> r.get("id")).containsExactly(4L, 6L);
        assertThat(memory.rows("item_notes")).filteredOn(r -> "[REDACTED]".equals(r.get("note"))).hasSize(6);
    }

    @Test
    void receiptListsCountsFieldsAndReasonsAndIsStoredAsTheAuditEvent() {
        ErasureReceipt receipt = rights().erase(ANN, "support:alice");

        assertThat(receipt.subject()).isEqualTo("id:2");
        assertThat(receipt.at()).isEqualTo(NOW);
        assertThat(receipt.dryRun()).isFalse();
        assertThat(receipt.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
        ErasureReceipt.TableErasure orders = table(receipt, "orders");
        assertThat(orders.action()).isEqualTo(RowAction.ANONYMIZE);
        assertThat(orders.found()).isEqualTo(3);
        assertThat(orders.changed()).isEqualTo(3);
        assertThat(orders.erased()).containsExactly(new ErasureReceipt.FieldErasure("shipping_address", "redact"));
        assertThat(orders.kept()).containsExactly(new ErasureReceipt.KeptField("amount", "bookkeeping law: 10 years"));
        assertThat(table(receipt, "users").erased()).extracting(ErasureReceipt.FieldErasure::strategy)
                .containsExactly("hash", "redact", "null");
        assertThat(table(receipt, "sessions").action()).isEqualTo(RowAction.DELETE);
        assertThat(table(receipt, "sessions").changed()).isEqualTo(1);
        assertThat(table(receipt, "leads").changed()).isEqualTo(1);
        assertThat(receipt.totalChanged()).isEqualTo(1 + 3 + 6 + 6 + 1 + 1);

        AuditEvent event = TestAudit.events(audit).get(0);
        assertThat(event.type()).isEqualTo(AuditEvent.TYPE_USER_DELETION);
        assertThat(event.status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(event.dryRun()).isFalse();
        // Through the log's redactor unchanged: the receipt holds nothing that looks like personal data. The run
        // journal adds the run's id.
        Map<String, Object> stored = new java.util.LinkedHashMap<>(event.details());
        assertThat(stored.remove(org.compliancekit.audit.RunJournal.RUN_ID)).isNotNull();
        assertThat(json(stored)).isEqualTo(json(receipt.toDetails()));
        assertThat(json(event.details()).get("rowsChanged").asLong()).isEqualTo(18);
    }

    @Test
    void erasingASubjectAlsoErasesTheSubjectsPersonalAuditFields() {
        audit.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")
                .withPersonalField("ip", "203.0.113.7").withPersonalField(AuditEvent.SUBJECT_REF, "2"));
        audit.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")
                .withPersonalField("ip", "198.51.100.1").withPersonalField(AuditEvent.SUBJECT_REF, "3"));

        rights().dryRun(ANN, "support:alice");
        assertThat(audit.storedRows().toString()).contains("203.0.113.7");
        rights().erase(ANN, "support:alice");

        assertThat(audit.storedRows().toString()).doesNotContain("203.0.113.7").contains("198.51.100.1");
        assertThat(audit.verify().valid()).isTrue();
        assertThat(TestAudit.events(audit)).extracting(AuditEvent::type).endsWith(AuditEvent.TYPE_USER_DELETION,
                AuditEvent.TYPE_PERSONAL_FIELD_ERASURE);
    }

    @Test
    void aFailedErasureOfTheSubjectsAuditFieldsIsOnRecord() {
        org.compliancekit.audit.AuditLog failing = new org.compliancekit.audit.AuditLog() {
            @Override
            public org.compliancekit.audit.AuditRecord append(AuditEvent event) {
                return audit.append(event);
            }

            @Override
            public List<org.compliancekit.audit.AuditRecord> appendAll(List<AuditEvent> events) {
                return audit.appendAll(events);
            }

            @Override
            public List<org.compliancekit.audit.AuditRecord> query(org.compliancekit.audit.AuditQuery query) {
                return audit.query(query);
            }

            @Override
            public org.compliancekit.audit.Checkpoint checkpoint() {
                return audit.checkpoint();
            }

            @Override
            public org.compliancekit.audit.PruneResult prune(Instant before) {
                return audit.prune(before);
            }

            @Override
            public org.compliancekit.audit.AuditVerification verify(org.compliancekit.audit.AuditRange range) {
                return audit.verify(range);
            }

            @Override
            public org.compliancekit.audit.PersonalFieldErasure erasePersonalFields(String subjectRef) {
                throw new StorageException("the audit table is read-only");
            }
        };
        SubjectRights rights = SubjectRights.builder(store, Shop.map(), failing)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();

        assertThatThrownBy(() -> rights.erase(ANN, "support:alice")).isInstanceOf(StorageException.class)
                .hasMessage("the audit table is read-only");

        List<AuditEvent> events = TestAudit.events(audit); // oldest first
        AuditEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo(AuditEvent.TYPE_PERSONAL_FIELD_ERASURE);
        assertThat(last.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(last.details()).containsEntry("error", "the audit table is read-only");
    }

    @Test
    void receiptAndAuditHoldNoPersonalData() {
        ErasureReceipt receipt = rights().erase(ANN, "support:alice");
        ErasureReceipt byEmail = rights().erase(SubjectRef.ofEmail(Shop.email(4)), "support:alice");

        String everything = receipt + " " + byEmail + " " + TestAudit.events(audit);
        assertThat(everything).doesNotContain("user2@", "user4@", "Name 2", Shop.phone(2), "Main Street",
                "Happy birthday", "10.0.");
        assertThat(byEmail.subject()).startsWith("hmac:");
    }

    @Test
    void aSecondErasureChangesNothing() {
        SubjectRights rights = rights();
        rights.erase(ANN, "support:alice");
        Map<String, List<Map<String, Object>>> after = snapshot();

        ErasureReceipt again = rights.erase(ANN, "support:alice");

        assertThat(again.totalChanged()).isZero();
        assertThat(table(again, "orders").found()).isEqualTo(3);
        assertThat(snapshot()).isEqualTo(after);
    }

    @Test
    void dryRunGivesTheSameReceiptAndWritesNothing() {
        Map<String, List<Map<String, Object>>> before = snapshot();
        SubjectRights rights = rights();

        ErasureReceipt dry = rights.dryRun(ANN, "support:alice");

        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.transactions).hasValue(0);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.hooks()).isEmpty();
        assertThat(TestAudit.events(audit)).singleElement().satisfies(e -> {
            assertThat(e.dryRun()).isTrue();
            assertThat(e.summary()).contains("would change");
        });
        ErasureReceipt real = rights.erase(ANN, "support:alice");
        assertThat(dry.tables()).isEqualTo(real.tables());
    }

    @Test
    void aFailureInALaterTableLeavesEarlierTablesUntouched() {
        // users is visited last; NULL on its NOT NULL phone column fails after the children were anonymized.
        InMemoryDataStore strict = new InMemoryDataStore(Shop.schema(true));
        Shop.fill(strict, 4);
        Map<String, List<Map<String, Object>>> before = snapshot(strict);
        SubjectRights rights = SubjectRights.builder(strict, Shop.map(), audit)
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();

        assertThatThrownBy(() -> rights.erase(ANN, "support:alice"))
                .isInstanceOf(StorageException.class).hasMessageContaining("users.phone");

        assertThat(snapshot(strict)).isEqualTo(before);
        assertThat(TestAudit.events(audit)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AuditStatus.FAILED);
            assertThat(e.summary()).contains("nothing was changed");
        });
    }

    @Test
    void aSubjectUnderLegalHoldIsRefusedAndAudited() {
        LegalHold hold = new LegalHold() {
            @Override
            public Set<RowKey> held(String table, List<MatchedRow> rows) {
                return Set.of();
            }

            @Override
            public boolean isHeld(SubjectRef subject) {
                return subject.equals(ANN);
            }
        };
        Map<String, List<Map<String, Object>>> before = snapshot();

        ErasureReceipt receipt = builder(Shop.map()).withLegalHold(hold).build().erase(ANN, "support:alice");

        assertThat(receipt.status()).isEqualTo(ErasureReceipt.Status.REFUSED_LEGAL_HOLD);
        assertThat(receipt.tables()).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(TestAudit.events(audit)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AuditStatus.FAILED);
            assertThat(e.summary()).contains("legal hold");
        });
    }

    @Test
    void heldRowsAreLeftAloneAndCounted() {
        LegalHold holdFirstOrder = new LegalHold() {
            @Override
            public Set<RowKey> held(String table, List<MatchedRow> rows) {
                return table.equals("orders") ? Set.of(rows.get(0).key()) : Set.of();
            }

            @Override
            public boolean isHeld(SubjectRef subject) {
                return false;
            }
        };

        ErasureReceipt receipt = builder(Shop.map()).withLegalHold(holdFirstOrder).build().erase(ANN, "support:alice");

        ErasureReceipt.TableErasure orders = table(receipt, "orders");
        assertThat(orders.held()).isEqualTo(1);
        assertThat(orders.changed()).isEqualTo(2);
        assertThat(memory.rows("orders")).filteredOn(r -> r.get("user_id").equals(2L))
                .extracting(r -> r.get("shipping_address")).containsOnlyOnce(Shop.address(2));
    }

    @Test
    void aRequestWithOnlyAnEmailReachesOnlyTablesLinkedByEmail() {
        ErasureReceipt receipt = rights().erase(SubjectRef.ofEmail(Shop.email(2)), "support:alice");

        assertThat(table(receipt, "leads").changed()).isEqualTo(1);
        assertThat(table(receipt, "users").skipped()).contains("by id");
        assertThat(row("users", 2)).containsEntry("email", Shop.email(2));
    }

    @Test
    void aForeignKeyCycleBetweenMappedTablesIsAClearError() {
        InMemoryDataStore cyclic = InMemoryDataStore.of(
                new TableSchema("a", List.of(ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("b_id", SqlType.BIGINT, true), ColumnSchema.text("x", 10, true)),
                        List.of("id"), List.of(new ForeignKey("fk_a_b", List.of("b_id"), "b", List.of("id")))),
                new TableSchema("b", List.of(ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("a_id", SqlType.BIGINT, true), ColumnSchema.text("x", 10, true)),
                        List.of("id"), List.of(new ForeignKey("fk_b_a", List.of("a_id"), "a", List.of("id")))));
        PiiMap map = PiiMap.builder()
                .table("a", t -> t.subjectId("id").field("x", Strategy.nulled()))
                .table("b", t -> t.subjectId("id").field("x", Strategy.nulled())).build();
        SubjectRights rights = SubjectRights.builder(cyclic, map, audit).build();

        assertThatThrownBy(() -> rights.erase(SubjectRef.ofId(1), "support:alice"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
        assertThat(TestAudit.events(audit)).singleElement().extracting(AuditEvent::status).isEqualTo(AuditStatus.FAILED);
    }

    @Test
    void badConfigurationFailsAtBuild() {
        assertThatThrownBy(() -> SubjectRights.builder(store, Shop.map(), audit).withBatchSize(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("batch size");
        assertThatThrownBy(() -> SubjectRights.builder(store, Shop.map(), audit)
                .withLedger(ErasureLedger.inMemory()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HASH secret");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Map<String, Object> details) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            return mapper.readTree(mapper.writeValueAsString(details));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> row(String table, long id) {
        return memory.rows(table).stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return snapshot(memory);
    }

    static Map<String, List<Map<String, Object>>> snapshot(InMemoryDataStore s) {
        return Shop.TABLES.stream().collect(Collectors.toMap(t -> t, s::rows));
    }

    static ErasureReceipt.TableErasure table(ErasureReceipt receipt, String table) {
        return receipt.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }
}
