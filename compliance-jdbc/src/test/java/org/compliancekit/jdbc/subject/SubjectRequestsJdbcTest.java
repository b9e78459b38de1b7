package org.compliancekit.jdbc.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Validation;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.ExportSummary;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests as they arrive, by email as often as by id, on real databases: identities resolved to subjects through
 * the tables that hold both, exact matching rules, outcomes that say when nothing was found or done, and tables
 * kept for bookkeeping that are exported but never erased.
 */
class SubjectRequestsJdbcTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryAuditLog audit = InMemoryAuditLog.builder(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private SubjectRights rights(DataStore store, LegalHold hold) {
        return SubjectRights.builder(store, RentalDatabase.map(), audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).withLegalHold(hold).build();
    }

    private static JdbcDataStore rental(TestDatabase.Fresh db) {
        RentalDatabase.create(db);
        JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
        RentalDatabase.load(store);
        return store;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anErasureByEmailResolvesTheSubjectAndErasesEveryTableByEveryIdentity(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            ErasureReceipt r = rights(store, LegalHold.none()).erase(SubjectRef.ofEmail("u1@example.com"), "support:alice");

            assertThat(r.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(r.subjects()).isEqualTo(1);
            assertThat(r.identities()).hasSize(4).first().isEqualTo("id:1");
            assertThat(r.identities()).filteredOn(i -> i.startsWith("phone:hmac:")).hasSize(1);
            assertThat(r.identities()).filteredOn(i -> i.startsWith("email:hmac:")).hasSize(2);
            assertThat(r.identities()).noneMatch(i -> i.contains("@"));
            assertThat(table(r, "customer").changed()).isEqualTo(1);
            assertThat(table(r, "address").changed()).isEqualTo(1);
            assertThat(table(r, "customer_email").changed()).isEqualTo(1);
            // Both addresses, written in other cases and with a space, and not the look-alikes.
            assertThat(ids(store, "newsletter")).containsExactly(3L, 4L);
            assertThat(row(store, "customer", 1).get("first_name")).isEqualTo("[REDACTED]");
            assertThat(row(store, "address", 1).get("street")).isEqualTo("[REDACTED]");
            assertThat(row(store, "address", 2).get("street")).isEqualTo("2 Main Street");
            AuditRecord event = audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_USER_DELETION)).get(0);
            assertThat(event.event().details()).containsEntry("status", "completed").containsEntry("subjects", 1);
            assertThat(event.event().toString()).doesNotContain("u1@", "second1@");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void emailsMatchIgnoringAsciiCaseAndSurroundingSpaceButNothingElse(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            SubjectRights rights = rights(store, LegalHold.none());

            ErasureReceipt upper = rights.dryRun(SubjectRef.ofEmail("  U1@EXAMPLE.COM "), "support:alice");
            // MariaDB's default collation would let u equal ü; the rule compares letters outside ASCII exactly.
            ErasureReceipt lookalike = rights.dryRun(SubjectRef.ofEmail("muller@example.com"), "support:alice");
            ErasureReceipt exact = rights.dryRun(SubjectRef.ofEmail("müller@example.com"), "support:alice");

            assertThat(upper.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(upper.subjects()).isEqualTo(1);
            assertThat(table(upper, "customer").changed()).isEqualTo(1);
            assertThat(table(upper, "newsletter").changed()).isEqualTo(2);
            assertThat(lookalike.status()).isEqualTo(ErasureReceipt.Status.NO_DATA_HELD);
            assertThat(exact.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(table(exact, "customer").found()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void idsAreAcceptedOnlyInTheCanonicalFormOfTheColumnType(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            SubjectRights rights = rights(store, LegalHold.none());

            for (String loose : List.of("\u0663", " 1", "01", "+1", "1.0", "1e0")) {
                assertThatThrownBy(() -> rights.export(SubjectRef.ofId(loose), "support:alice", new ByteArrayOutputStream()))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("expected an integer in ASCII digits")
                        .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("customer.customer_id"));
                assertThatThrownBy(() -> rights.erase(SubjectRef.ofId(loose), "support:alice"))
                        .isInstanceOf(ConfigurationException.class);
            }
            try (ReadView view = store.openReadView();
                    RowCursor c = view.subjectRows(RentalDatabase.map().table("address").orElseThrow(),
                            SubjectRef.ofId("\u0663"))) {
                assertThat(c.next()).isNull();
            }
            assertThat(row(store, "customer", 3).get("first_name")).isEqualTo("Cy");
            assertThat(audit.query(AuditQuery.all())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void outcomesSayWhetherDataWasFoundErasedBeforeHeldOrNotHeldAtAll(TestDatabase kind) throws IOException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            SubjectRights rights = rights(store, LegalHold.none());

            ErasureReceipt unknown = rights.erase(SubjectRef.ofId(999), "support:alice");
            ExportSummary unknownExport = rights.export(SubjectRef.ofEmail("nobody@example.com"), "support:alice",
                    new ByteArrayOutputStream());
            ErasureReceipt first = rights.erase(SubjectRef.ofId(1), "support:alice");
            ErasureReceipt again = rights.erase(SubjectRef.ofId(1), "support:alice");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportSummary afterwards = rights.export(SubjectRef.ofId(1), "support:alice", out);
            ErasureReceipt held = rights(store, holdingAddress(2)).erase(SubjectRef.ofId(2), "support:alice");

            assertThat(unknown.status()).isEqualTo(ErasureReceipt.Status.NO_DATA_HELD);
            assertThat(unknown.totalFound()).isZero();
            assertThat(unknownExport.outcome()).isEqualTo(ExportSummary.Outcome.NO_DATA_HELD);
            assertThat(first.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(again.status()).isEqualTo(ErasureReceipt.Status.ALREADY_ERASED);
            assertThat(again.totalChanged()).isZero();
            assertThat(afterwards.outcome()).isEqualTo(ExportSummary.Outcome.ALREADY_ERASED);
            assertThat(held.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(table(held, "address").held()).isEqualTo(1);
            assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_USER_DELETION)))
                    .extracting(e -> e.event().details().get("status"))
                    .containsExactlyInAnyOrder("no_data_held", "completed", "already_erased", "completed");
            assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_DATA_EXPORT)))
                    .extracting(e -> e.event().details().get("status"))
                    .containsExactlyInAnyOrder("no_data_held", "already_erased");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tablesKeptForBookkeepingAreExportedAlongTwoHopsButNeverErased(TestDatabase kind) throws IOException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            assertThat(Validation.validate(CompliancePolicy.of(RentalDatabase.map()), store.describe()).errors())
                    .isEmpty();
            SubjectRights rights = rights(store, LegalHold.none());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportSummary export = rights.export(SubjectRef.ofEmail("second1@example.com"), "support:alice", out);
            ErasureReceipt erased = rights.erase(SubjectRef.ofEmail("second1@example.com"), "support:alice");

            assertThat(export.outcome()).isEqualTo(ExportSummary.Outcome.EXPORTED);
            assertThat(export.rows()).containsEntry("payment", 4L).containsEntry("rental", 2L)
                    .containsEntry("address", 1L).containsEntry("newsletter", 2L);
            JsonNode bundle = JSON.readTree(out.toByteArray());
            JsonNode payment = tableOf(bundle, "payment");
            assertThat(payment.get("onErasure").asText()).isEqualTo("keep");
            assertThat(payment.get("keptBecause").asText()).isEqualTo("bookkeeping law: 10 years");
            assertThat(erased.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(table(erased, "payment").found()).isEqualTo(4);
            assertThat(table(erased, "payment").changed()).isZero();
            assertThat(table(erased, "payment").skipped()).contains("exported only");
            assertThat(table(erased, "rental").changed()).isZero();
            assertThat(ids(store, "payment")).hasSize(6);
            assertThat(row(store, "rental", 1).get("customer_id")).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anEmailSharedByTwoSubjectsIsReportedAndNothingIsDone(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            SubjectRights rights = rights(store, LegalHold.none());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportSummary export = rights.export(SubjectRef.ofEmail("shared@example.com"), "support:alice", out);
            ErasureReceipt erase = rights.erase(SubjectRef.ofEmail("SHARED@example.com"), "support:alice");
            ErasureReceipt byId = rights.dryRun(SubjectRef.ofId(2), "support:alice");

            assertThat(export.outcome()).isEqualTo(ExportSummary.Outcome.AMBIGUOUS_SUBJECT);
            assertThat(export.subjects()).isEqualTo(2);
            assertThat(out.size()).isZero();
            assertThat(erase.status()).isEqualTo(ErasureReceipt.Status.AMBIGUOUS_SUBJECT);
            assertThat(erase.subjects()).isEqualTo(2);
            assertThat(erase.identities()).contains("id:2", "id:3");
            assertThat(row(store, "customer", 2).get("first_name")).isEqualTo("Bo");
            assertThat(row(store, "customer", 3).get("first_name")).isEqualTo("Cy");
            // Named by id, one of them is one subject, searched by the shared address too.
            assertThat(byId.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(byId.subjects()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anotherDeclaredIdentityResolvesTheSubject(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = rental(db);
            SubjectRights rights = rights(store, LegalHold.none());

            ErasureReceipt byPhone = rights.dryRun(SubjectRef.ofIdentity("phone", "+4915100000001"), "support:alice");

            assertThat(byPhone.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(byPhone.identities()).contains("id:1").anyMatch(i -> i.startsWith("phone:hmac:"));
            assertThat(table(byPhone, "newsletter").changed()).isEqualTo(2);
            assertThatThrownBy(() -> rights.dryRun(SubjectRef.ofIdentity("passport", "X1"), "support:alice"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("passport");
        }
    }

    private static LegalHold holdingAddress(long id) {
        return new LegalHold() {
            @Override
            public Set<RowKey> held(String table, List<MatchedRow> rows) {
                return table.equalsIgnoreCase("address") ? rows.stream().map(MatchedRow::key)
                        .filter(k -> ((Number) k.values().get(0)).longValue() == id)
                        .collect(java.util.stream.Collectors.toSet()) : Set.of();
            }

            @Override
            public boolean isHeld(SubjectRef subject) {
                return false;
            }
        };
    }

    private static ErasureReceipt.TableErasure table(ErasureReceipt r, String table) {
        return r.tables().stream().filter(t -> t.table().equalsIgnoreCase(table)).findFirst().orElseThrow();
    }

    private static JsonNode tableOf(JsonNode bundle, String table) {
        for (JsonNode t : bundle.get("tables")) {
            if (t.get("table").asText().equalsIgnoreCase(table)) {
                return t;
            }
        }
        throw new AssertionError("no table " + table + " in the export");
    }

    private static List<Long> ids(DataStore store, String table) {
        List<Long> out = new ArrayList<>();
        try (ReadView view = store.openReadView(); RowCursor c = view.scan(table)) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                out.add(((Number) r[0]).longValue());
            }
        }
        return out;
    }

    private static Map<String, Object> row(DataStore store, String table, long id) {
        try (ReadView view = store.openReadView(); RowCursor c = view.scan(table)) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                if (((Number) r[0]).longValue() == id) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < r.length; i++) {
                        m.put(c.columns().get(i).toLowerCase(Locale.ROOT), r[i]);
                    }
                    return m;
                }
            }
        }
        throw new AssertionError("no row " + id + " in " + table);
    }
}
