package org.compliancekit.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.compliancekit.ConfigurationException;
import org.compliancekit.IntegrityException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.RowCursor;
import org.compliancekit.audit.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

class ErasureLedgerTest {
    static final Instant BACKUP = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final SubjectRef ANN = SubjectRef.of(2, Shop.email(2));

    private final InMemoryAuditLog audit = TestAudit.log();
    private final InMemoryDataStore store = Shop.store(6);
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(Clock.fixed(NOW, ZoneOffset.UTC));

    private SubjectRights rights(ErasureLedger ledger) {
        return SubjectRights.builder(store, Shop.map(), audit).withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).withLedger(ledger).build();
    }

    /** Every row of every shop table, as a backup would hold them. */
    private Map<String, List<Object[]>> backup() {
        Map<String, List<Object[]>> rows = new java.util.LinkedHashMap<>();
        for (String t : Shop.TABLES) {
            rows.put(t, store.rows(t).stream().map(r -> r.values().toArray()).toList());
        }
        return rows;
    }

    private void restore(Map<String, List<Object[]>> backup) {
        var schema = store.describe();
        store.load(schema.parentsFirst(Shop.TABLES),
                t -> RowCursor.of(schema.require(t).columnNames(), backup.get(t).iterator()), DataStore.LoadMode.REPLACE);
    }

    @Test
    void anErasureSurvivesARestoreOfAnOlderBackup() {
        assertErasureSurvivesRestore(ErasureLedger.inBlobStore(blobs, "ledger/"));
        assertThat(blobs.list("ledger/").map(BlobStore.BlobInfo::key)).singleElement().asString()
                .startsWith("ledger/20260301T100000.000000000Z-").endsWith(".json");
    }

    @Test
    void theInMemoryLedgerReplaysToo() {
        assertErasureSurvivesRestore(ErasureLedger.inMemory());
    }

    private void assertErasureSurvivesRestore(ErasureLedger ledger) {
        SubjectRights rights = rights(ledger);
        Map<String, List<Object[]>> backup = backup();
        Map<String, List<Map<String, Object>>> erasedAlready = null;
        rights.erase(ANN, "support:alice");
        erasedAlready = SubjectErasureTest.snapshot(store);

        restore(backup);
        assertThat(store.rows("users").get(1)).as("the restore brought Ann back").containsEntry("name", "Name 2");

        ReplayResult result = rights.replayErasures(BACKUP, "ops:carol");

        assertThat(SubjectErasureTest.snapshot(store)).isEqualTo(erasedAlready);
        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.changed()).containsEntry("users", 1L).containsEntry("orders", 3L)
                .containsEntry("item_notes", 6L).containsEntry("sessions", 1L).containsEntry("leads", 1L);
        assertThat(List.copyOf(result.changed().keySet())).containsSubsequence("item_notes", "order_items", "orders",
                "users");
        AuditEvent event = TestAudit.events(audit).get(TestAudit.events(audit).size() - 1);
        assertThat(event.type()).isEqualTo(AuditEvent.TYPE_USER_DELETION);
        assertThat(event.details()).containsEntry("replay", true).containsEntry("entries", 1);

        assertThat(rights.replayErasures(BACKUP, "ops:carol").totalChanged()).as("replay is idempotent").isZero();
        assertThat(rights.replayErasures(NOW, "ops:carol").entries()).as("only erasures after the backup").isZero();
    }

    @Test
    void theLedgerHoldsNoPersonalData() throws IOException {
        rights(ErasureLedger.inBlobStore(blobs, "ledger/")).erase(ANN, "support:alice");

        String key = blobs.list("ledger/").findFirst().orElseThrow().key();
        String json;
        try (InputStream in = blobs.get(key)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"version\":1", "\"subject\":\"hmac:", "\"table\":\"users\"", "\"action\":\"delete\"")
                .doesNotContain("user2@", "Name 2", "\"2\"", "Main Street");
        try (Stream<LedgerEntry> entries = ErasureLedger.inBlobStore(blobs, "ledger/").since(BACKUP)) {
            LedgerEntry entry = entries.findFirst().orElseThrow();
            assertThat(entry.erasedAt()).isEqualTo(NOW);
            assertThat(entry.tables()).filteredOn(t -> t.table().equals("orders")).singleElement()
                    .satisfies(t -> {
                        assertThat(t.action()).isEqualTo(RowAction.ANONYMIZE);
                        assertThat(t.rows()).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("hmac:").hasSize(48));
                    });
        }
    }

    @Test
    void aRepeatedErasureAddsNoEntry() {
        ErasureLedger ledger = ErasureLedger.inMemory();
        SubjectRights rights = rights(ledger);
        rights.erase(ANN, "support:alice");
        rights.erase(ANN, "support:alice");

        try (Stream<LedgerEntry> entries = ledger.since(BACKUP)) {
            assertThat(entries).hasSize(1);
        }
    }

    @Test
    void anErasureWhoseLedgerEntryCannotBeStoredIsRolledBack() {
        BlobStore unreachable = new BlobStore() {
            @Override
            public BlobOutput put(String key) {
                return new BlobOutput() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("bucket unreachable");
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public InputStream get(String key) {
                return blobs.get(key);
            }

            @Override
            public boolean exists(String key) {
                return blobs.exists(key);
            }

            @Override
            public Stream<BlobInfo> list(String prefix) {
                return blobs.list(prefix);
            }

            @Override
            public List<DeleteFailure> delete(List<String> keys) {
                return blobs.delete(keys);
            }
        };
        ErasureLedger broken = ErasureLedger.inBlobStore(unreachable, "ledger/");
        var before = SubjectErasureTest.snapshot(store);

        assertThatThrownBy(() -> rights(broken).erase(ANN, "support:alice"))
                .isInstanceOf(StorageException.class).hasMessageContaining("ledger/").hasMessageContaining("not committed");

        assertThat(SubjectErasureTest.snapshot(store)).isEqualTo(before);
    }

    @Test
    void malformedOrNewerEntriesAreIntegrityErrors() throws IOException {
        write("ledger/20260301T100000.000000000Z-a.json", "{\"version\":2,\"tables\":[]}");
        write("ledger/20260301T110000.000000000Z-b.json", "not json");
        ErasureLedger ledger = ErasureLedger.inBlobStore(blobs, "ledger/");

        assertThatThrownBy(() -> {
            try (Stream<LedgerEntry> s = ledger.since(BACKUP)) {
                s.toList();
            }
        }).isInstanceOf(IntegrityException.class).hasMessageContaining("version 2").hasMessageContaining("upgrade");
        assertThatThrownBy(() -> {
            try (Stream<LedgerEntry> s = ledger.since(Instant.parse("2026-03-01T10:30:00Z"))) {
                s.toList();
            }
        }).isInstanceOf(IntegrityException.class).hasMessageContaining("-b.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void replayWithoutALedgerAndBadPrefixesAreConfigurationErrors() {
        SubjectRights noLedger = SubjectRights.builder(store, Shop.map(), audit).build();
        assertThatThrownBy(() -> noLedger.replayErasures(BACKUP, "ops"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withLedger");
        assertThatThrownBy(() -> ErasureLedger.inBlobStore(blobs, "ledger"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ending in '/'");
    }

    private void write(String key, String content) throws IOException {
        try (OutputStream out = blobs.put(key)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
