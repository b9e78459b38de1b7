package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

class SubjectExportTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryAuditLog audit = TestAudit.log();

    private SubjectRights rights(InMemoryDataStore store) {
        return SubjectRights.builder(store, Shop.map(), audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).withRetentionRules(Shop.rules())
                .build();
    }

    private JsonNode export(SubjectRights rights, SubjectRef subject) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rights.export(subject, "support:alice", out);
        return JSON.readTree(out.toByteArray());
    }

    private static JsonNode table(JsonNode bundle, String name) {
        for (JsonNode t : bundle.get("tables")) {
            if (t.get("table").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in the export");
    }

    @Test
    void bundleHoldsTheSubjectsRowsAndTheArticle15Information() throws IOException {
        JsonNode bundle = export(rights(Shop.store(4)), SubjectRef.of(2, Shop.email(2)));

        assertThat(bundle.get("format").asText()).isEqualTo("compliancekit-subject-export");
        assertThat(bundle.get("version").asInt()).isEqualTo(1);
        assertThat(bundle.get("generatedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(bundle.at("/subject/id").asText()).isEqualTo("2");
        assertThat(bundle.at("/subject/email").asText()).isEqualTo("user2@example.com");

        JsonNode users = table(bundle, "users");
        assertThat(users.get("purpose").asText()).isEqualTo("customer account");
        assertThat(users.get("categories")).extracting(JsonNode::asText).containsExactly("contact details", "identity");
        assertThat(users.at("/retention/0/rule").asText()).isEqualTo("users-anonymize");
        assertThat(users.at("/retention/0/after").asText()).isEqualTo("PT87600H");
        assertThat(users.at("/retention/0/countingFrom").asText()).isEqualTo("created_at");
        assertThat(users.get("rowCount").asInt()).isEqualTo(1);
        JsonNode user = users.at("/rows/0");
        assertThat(user.get("email").asText()).isEqualTo("user2@example.com");
        assertThat(user.get("phone").asText()).isEqualTo(Shop.phone(2));
        assertThat(user.get("created_at").asText()).isEqualTo("2025-01-01T12:02:00");
        assertThat(users.get("columns")).extracting(c -> c.get("name").asText() + ":" + c.get("type").asText())
                .contains("id:BIGINT", "created_at:TIMESTAMP");

        JsonNode orders = table(bundle, "orders");
        assertThat(orders.get("rowCount").asInt()).isEqualTo(3); // 2 % 3 + 1
        assertThat(orders.at("/keptFields/0/column").asText()).isEqualTo("amount");
        assertThat(orders.at("/keptFields/0/reason").asText()).isEqualTo("bookkeeping law: 10 years");
        assertThat(orders.at("/rows/0/amount").isTextual()).as("decimals are exact strings").isTrue();
        assertThat(orders.at("/rows/0/amount").asText()).isEqualTo("19.90");
        assertThat(table(bundle, "order_items").get("rowCount").asInt()).isEqualTo(6);
        assertThat(table(bundle, "item_notes").get("rowCount").asInt()).isEqualTo(6);
        assertThat(table(bundle, "sessions").get("rowCount").asInt()).isEqualTo(1);
        assertThat(table(bundle, "leads").get("rowCount").asInt()).isEqualTo(1);

        assertThat(bundle.get("recipients")).hasSize(2);
        assertThat(bundle.at("/recipients/0/name").asText()).isEqualTo("Stripe");
        assertThat(bundle.at("/recipients/0/dpa").asText()).isEqualTo("signed");
        assertThat(bundle.at("/recipients/0/location").asText()).isEqualTo("USA (EU SCCs)");
        assertThat(bundle.at("/recipients/1/dataShared/0").asText()).isEqualTo("email");
    }

    @Test
    void thousandsOfSubjectsAndTwoHopPathsNeverLeakAnotherSubjectsRow() throws IOException {
        InMemoryDataStore store = Shop.sparseStore(2_000);
        SubjectRights rights = rights(store);
        // 11 and 1111 share digits with many others; ids of every table overlap user ids.
        for (long u : new long[] {11, 1111, 2_000}) {
            JsonNode bundle = export(rights, SubjectRef.of(u, Shop.email(u)));

            Set<Long> orders = ids(store, "orders", "user_id", Set.of(u));
            Set<Long> items = ids(store, "order_items", "order_id", orders);
            Set<Long> notes = ids(store, "item_notes", "item_id", items);
            assertThat(column(table(bundle, "users"), "id")).containsExactly(u);
            assertThat(column(table(bundle, "orders"), "id")).containsExactlyInAnyOrderElementsOf(orders);
            assertThat(column(table(bundle, "orders"), "user_id")).containsOnly(u);
            assertThat(column(table(bundle, "order_items"), "id")).containsExactlyInAnyOrderElementsOf(items);
            assertThat(column(table(bundle, "item_notes"), "id")).containsExactlyInAnyOrderElementsOf(notes);
            assertThat(column(table(bundle, "sessions"), "user_id")).isNotEmpty().containsOnly(u);
            assertThat(column(table(bundle, "leads"), "id")).containsExactlyElementsOf(u % 2 == 0 ? List.of(u) : List.of());
            assertThat(orders).hasSize(1);
            assertThat(notes).hasSize(1);
        }
    }

    @Test
    void valuesAreEncodedWithoutLoss() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Object v : List.of(Long.MAX_VALUE, new java.math.BigDecimal("12345678901234567890.000000001"),
                    0.1d, 1.5f, Double.NaN, Double.NEGATIVE_INFINITY, new byte[] {0, -1, 42},
                    java.time.LocalTime.of(10, 30), java.time.OffsetDateTime.parse("2026-01-01T00:00+02:00"),
                    java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), List.of(1, 2), true)) {
                ValueEncoding.write(g, v);
            }
            ValueEncoding.write(g, null);
            g.writeEndArray();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[9223372036854775807,"
                + "\"12345678901234567890.000000001\",0.1,1.5,\"NaN\",\"-Infinity\",\"AP8q\",\"10:30:00\","
                + "\"2026-01-01T00:00:00+02:00\",\"123e4567-e89b-12d3-a456-426614174000\",[1,2],true,null]");
    }

    @Test
    void auditRecordsCountsButNoPersonalData() throws IOException {
        export(rights(Shop.store(4)), SubjectRef.of(2, Shop.email(2)));
        export(rights(Shop.store(4)), SubjectRef.ofEmail(Shop.email(4)));

        List<AuditEvent> events = TestAudit.events(audit);
        assertThat(events).extracting(AuditEvent::type).containsOnly(AuditEvent.TYPE_DATA_EXPORT);
        assertThat(events.get(0).status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(events.get(0).actor()).isEqualTo("support:alice");
        assertThat(events.get(0).details()).containsEntry("subject", "id:2");
        assertThat(((Number) events.get(0).details().get("totalRows")).longValue()).isEqualTo(18);
        assertThat(events.get(1).details().get("subject").toString()).startsWith("hmac:");
        assertThat(events.get(1).details().get("skipped")).asList().containsExactlyInAnyOrder("users", "orders",
                "order_items", "item_notes", "sessions");
        assertThat(events.toString()).doesNotContain("user2@", "user4@", "Main Street", "+49");
    }

    @Test
    void tablesTheRequestCannotReachAreMarkedNotSearched() throws IOException {
        JsonNode bundle = export(rights(Shop.store(4)), SubjectRef.ofId(2));
        JsonNode leads = table(bundle, "leads");
        assertThat(leads.get("notSearched").asText()).contains("by email address");
        assertThat(leads.get("rowCount").asInt()).isZero();
        assertThat(table(bundle, "users").has("notSearched")).isFalse();
    }

    @Test
    void aFailingOutputIsAuditedAsFailedAndReportedWithoutPersonalData() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        SubjectRights rights = rights(Shop.store(2));
        assertThatThrownBy(() -> rights.export(SubjectRef.of(1, Shop.email(1)), "support:alice", broken))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("id:1").hasMessageContaining("must not be handed out")
                .hasMessageNotContaining("user1@");
        assertThat(TestAudit.events(audit)).singleElement().extracting(AuditEvent::status).isEqualTo(AuditStatus.FAILED);
    }

    private static List<Long> column(JsonNode table, String column) {
        List<Long> out = new ArrayList<>();
        table.get("rows").forEach(r -> out.add(r.get(column).asLong()));
        return out;
    }

    private static Set<Long> ids(InMemoryDataStore store, String table, String fk, Set<Long> parents) {
        Set<Long> out = new HashSet<>();
        store.rows(table).stream().filter(r -> parents.contains(((Number) r.get(fk)).longValue()))
                .forEach(r -> out.add(((Number) r.get("id")).longValue()));
        return out;
    }
}
