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
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.AuditVerifier;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.JdbcAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.subject.ErasureLedger;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.ReplayResult;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export, erasure and replay against real databases: the SQL the JDBC store generates for subject links. */
class SubjectRightsJdbcTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant BACKUP = Instant.parse("2026-03-01T02:00:00Z");
    private static final int USERS = 1_200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryAuditLog audit = InMemoryAuditLog.builder(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private SubjectRights rights(DataStore store, ErasureLedger ledger) {
        return SubjectRights.builder(store, ShopDatabase.map(), audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).withLedger(ledger).build();
    }

    private static JdbcDataStore shop(TestDatabase.Fresh db, boolean phoneRequired) {
        ShopDatabase.create(db, phoneRequired);
        JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).withFetchSize(50).build();
        ShopDatabase.load(store, USERS, 2);
        return store;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exportHoldsOnlyTheSubjectsRowsAlongTwoHopPaths(TestDatabase kind) throws IOException {
        try (TestDatabase.Fresh db = kind.fresh()) {
            SubjectRights rights = rights(shop(db, false), ErasureLedger.inMemory());
            for (long u : new long[] {11, 111, 1_111}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                rights.export(SubjectRef.of(u, ShopDatabase.email(u)), "support:alice", out);
                JsonNode bundle = JSON.readTree(out.toByteArray());

                assertThat(rows(bundle, "users")).extracting(r -> r.get("id").asLong()).containsExactly(u);
                assertThat(rows(bundle, "orders")).extracting(r -> r.get("user_id").asLong()).containsOnly(u).hasSize(2);
                // Order ids of user u are 2u-1 and 2u; item and note ids 4u-3 … 4u.
                assertThat(rows(bundle, "items")).extracting(r -> r.get("order_id").asLong())
                        .containsExactlyInAnyOrder(2 * u - 1, 2 * u - 1, 2 * u, 2 * u);
                assertThat(rows(bundle, "notes")).extracting(r -> r.get("id").asLong())
                        .containsExactly(4 * u - 3, 4 * u - 2, 4 * u - 1, 4 * u);
                assertThat(rows(bundle, "notes")).extracting(r -> r.get("body").asText()).containsOnly("note of " + u);
                assertThat(rows(bundle, "sessions")).hasSize(2);
                assertThat(rows(bundle, "leads")).hasSize(u % 2 == 0 ? 1 : 0);
                JsonNode user = rows(bundle, "users").get(0);
                assertThat(user.get("created_at").asText()).isEqualTo(
                        java.time.LocalDateTime.of(2025, 1, 1, 12, 0).plusSeconds(u).toString() + (u % 60 == 0 ? ":00" : ""));
                assertThat(rows(bundle, "orders").get(0).get("amount").asText()).isEqualTo("19.90");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSubjectsErasureErasesTheirIpOnAuditRowsAndAnAuditorStillVerifies(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = shop(db, false);
            CheckpointSigner signer = CheckpointSigner.generate("subject-test");
            JdbcAuditLog log = JdbcAuditLog.builder(db.dataSource()).withSigner(signer)
                    .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withAutoCreate(true).build();
            log.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")
                    .withPersonalField("ip", "203.0.113.7").withPersonalField(AuditEvent.SUBJECT_REF, "11"));
            log.append(AuditEvent.of("login", AuditStatus.SUCCESS, "web", "signed in")
                    .withPersonalField("ip", "198.51.100.1").withPersonalField(AuditEvent.SUBJECT_REF, "12"));
            log.checkpoint();

            SubjectRights.builder(store, ShopDatabase.map(), log).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build()
                    .erase(SubjectRef.of(11, ShopDatabase.email(11)), "support:alice");

            AuditVerifier auditor = JdbcAuditLog.builder(db.dataSource()).withPublicKeys(signer.verifier())
                    .buildVerifier();
            AuditVerification v = auditor.verify();
            assertThat(v.firstBreak()).isNull();
            // two logins, the erasure's run_started and user_deletion records, the personal_field_erasure record
            assertThat(v.recordsChecked()).isEqualTo(5);
            Map<Long, Map<String, String>> personal = new LinkedHashMap<>();
            log.query(AuditQuery.all()).forEach(r -> personal.put(r.sequence(), r.event().personal()));
            assertThat(personal.get(1L)).containsEntry("ip", null).containsEntry(AuditEvent.SUBJECT_REF, null);
            assertThat(personal.get(2L)).containsEntry("ip", "198.51.100.1");
            assertThat(personal.get(4L)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eraseAnonymizesAndDeletesInOneTransactionAndIsIdempotent(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = shop(db, false);
            SubjectRights rights = rights(store, ErasureLedger.inMemory());
            SubjectRef ann = SubjectRef.of(42, ShopDatabase.email(42));

            ErasureReceipt dry = rights.dryRun(ann, "support:alice");
            ErasureReceipt receipt = rights.erase(ann, "support:alice");
            ErasureReceipt again = rights.erase(ann, "support:alice");

            assertThat(dry.tables()).isEqualTo(receipt.tables());
            assertThat(receipt.totalChanged()).isEqualTo(1 + 2 + 4 + 4 + 2 + 1);
            assertThat(again.totalChanged()).isZero();
            Map<String, Object> user = row(store, "users", 42);
            assertThat(user.get("email").toString()).startsWith("hmac:");
            assertThat(user).containsEntry("phone", null);
            assertThat(user).containsEntry("name", "[REDACTED]");
            assertThat(row(store, "orders", 83).get("address")).isNotEqualTo("42 Main Street");
            assertThat(row(store, "orders", 83).get("amount").toString()).isEqualTo("19.90");
            assertThat(row(store, "notes", 165).get("body")).isNotEqualTo("note of 42");
            assertThat(count(store, "sessions")).isEqualTo(2L * USERS - 2);
            assertThat(count(store, "leads")).isEqualTo(USERS / 2 - 1);
            assertThat(row(store, "users", 43)).containsEntry("name", "Name 43");
            assertThat(row(store, "notes", 169)).containsEntry("body", "note of 43");
            assertThat(audit.query(AuditQuery.all().withTypes(AuditEvent.TYPE_USER_DELETION)))
                    .extracting(r -> r.event().dryRun()).containsExactly(false, false, true);
            assertThat(audit.query(AuditQuery.all()).stream().map(AuditRecord::event).map(Object::toString))
                    .noneMatch(e -> e.contains("user42@") || e.contains("Name 42") || e.contains("42 Main"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "H2"})
    void aFailureInTheLastTableRollsBackEveryEarlierTable(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = shop(db, true);
            SubjectRights rights = rights(store, ErasureLedger.inMemory());

            assertThatThrownBy(() -> rights.erase(SubjectRef.of(42, ShopDatabase.email(42)), "support:alice"))
                    .isInstanceOf(StorageException.class);

            assertThat(row(store, "notes", 165)).containsEntry("body", "note of 42");
            assertThat(row(store, "orders", 83)).containsEntry("address", "42 Main Street");
            assertThat(count(store, "sessions")).isEqualTo(2L * USERS);
            assertThat(count(store, "leads")).isEqualTo(USERS / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void anErasureSurvivesRestoringAnOlderBackup(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            JdbcDataStore store = shop(db, false);
            SubjectRights rights = rights(store, ErasureLedger.inBlobStore(new InMemoryBlobStore(), "ledger/"));
            Map<String, List<Object[]>> backup = copy(store);
            rights.erase(SubjectRef.of(42, ShopDatabase.email(42)), "support:alice");

            store.load(store.describe().parentsFirst(ShopDatabase.TABLES),
                    t -> RowCursor.of(store.describe().require(t).columnNames(), backup.get(key(t)).iterator()),
                    DataStore.LoadMode.REPLACE);
            assertThat(row(store, "users", 42)).containsEntry("name", "Name 42");

            ReplayResult replay = rights.replayErasures(BACKUP, "ops:carol");

            assertThat(replay.totalChanged()).isEqualTo(1 + 2 + 4 + 4 + 2 + 1);
            assertThat(row(store, "users", 42).get("email").toString()).startsWith("hmac:");
            assertThat(row(store, "users", 42)).containsEntry("name", "[REDACTED]");
            assertThat(count(store, "sessions")).isEqualTo(2L * USERS - 2);
            assertThat(row(store, "users", 43)).containsEntry("name", "Name 43");
        }
    }

    private static List<JsonNode> rows(JsonNode bundle, String table) {
        for (JsonNode t : bundle.get("tables")) {
            if (t.get("table").asText().equalsIgnoreCase(table)) {
                List<JsonNode> out = new ArrayList<>();
                for (JsonNode r : t.get("rows")) {
                    // H2 reports upper-case column names; compare them in lower case.
                    com.fasterxml.jackson.databind.node.ObjectNode lower = JSON.createObjectNode();
                    r.fields().forEachRemaining(e -> lower.set(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                    out.add(lower);
                }
                return out;
            }
        }
        throw new AssertionError("no table " + table + " in the export");
    }

    private static Map<String, Object> row(DataStore store, String table, long id) {
        try (ReadView view = store.openReadView(); RowCursor c = view.scan(table)) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < r.length; i++) {
                    m.put(c.columns().get(i).toLowerCase(Locale.ROOT), r[i]);
                }
                if (((Number) m.get("id")).longValue() == id) {
                    return m;
                }
            }
        }
        throw new AssertionError("no row " + id + " in " + table);
    }

    private static long count(DataStore store, String table) {
        long n = 0;
        try (ReadView view = store.openReadView(); RowCursor c = view.scan(table)) {
            while (c.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, List<Object[]>> copy(DataStore store) {
        Map<String, List<Object[]>> out = new LinkedHashMap<>();
        try (ReadView view = store.openReadView()) {
            for (String t : ShopDatabase.TABLES) {
                List<Object[]> rows = new ArrayList<>();
                try (RowCursor c = view.scan(t)) {
                    for (Object[] r = c.next(); r != null; r = c.next()) {
                        rows.add(r);
                    }
                }
                out.put(t, rows);
            }
        }
        return out;
    }

    private static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }
}
