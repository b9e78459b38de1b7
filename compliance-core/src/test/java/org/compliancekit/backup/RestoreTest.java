package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestoreTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final InMemoryDataStore source = Fixtures.filledStore();
    Backups backups;

    @BeforeEach
    void backUp() {
        backups = Backups.builder(source, blobs, audit).withClock(clock).withKeys(Fixtures.ringA()).build();
        backups.backup();
    }

    @Test
    void refusesNonEmptyTargetsAndChangesNothing() {
        InMemoryDataStore target = Fixtures.emptyStore();
        target.insert("users", Map.of("id", 42, "email", "keep@example.com"));

        RestoreResult result = backups.restore(RestoreRequest.latest(), target);

        assertThat(result.restored()).isFalse();
        assertThat(result.error()).contains("users").contains("not empty");
        assertThat(result.verification().ok()).isTrue();
        assertThat(target.rows("users")).containsExactly(Map.of("id", 42, "email", "keep@example.com"));
        assertThat(target.count("everything")).isZero();
        assertThat(audit.last().type()).isEqualTo(AuditEvent.TYPE_DATA_IMPORT);
        assertThat(audit.last().status()).isEqualTo(AuditStatus.FAILED);
    }

    @Test
    void replaceOverwritesExistingRows() {
        InMemoryDataStore target = Fixtures.emptyStore();
        target.insert("users", Map.of("id", 42, "email", "gone@example.com"));

        RestoreResult result = backups.restore(RestoreRequest.latest().withReplace(true), target);

        assertThat(result.restored()).isTrue();
        Fixtures.assertSameRows(source, target);
        assertThat(audit.last().status()).isEqualTo(AuditStatus.COMPLETED);
        assertThat(audit.last().details()).containsEntry("mode", "replace").containsEntry("folder", "2026-03-01");
    }

    @Test
    void restoresASubsetParentsFirst() {
        InMemoryDataStore target = Fixtures.emptyStore();

        RestoreResult result = backups.restore(RestoreRequest.latest().withTables(Set.of("orders", "users")), target);

        assertThat(result.rows().keySet()).containsExactly("users", "orders");
        assertThat(result.totalRows()).isEqualTo(10);
        assertThat(target.count("everything")).isZero();
        assertThat(target.count("orders")).isEqualTo(5);
    }

    @Test
    void aFailureWhileLoadingLeavesTheTargetAsItWas() {
        InMemoryDataStore target = Fixtures.emptyStore();

        // orders without users: the foreign key check fails on the first order
        RestoreResult result = backups.restore(RestoreRequest.latest().withTables(Set.of("orders")), target);

        assertThat(result.restored()).isFalse();
        assertThat(result.error()).contains("fk_orders_user");
        assertThat(target.count("orders")).isZero();
    }

    @Test
    void readsEachTableFileOnceCheckingItWhileLoading() {
        Map<String, Integer> reads = new java.util.HashMap<>();
        org.compliancekit.store.BlobStore counting = new ForwardingBlobStore(blobs) {
            @Override
            public java.io.InputStream get(String key) {
                reads.merge(key, 1, Integer::sum);
                return super.get(key);
            }
        };
        Backups reading = Backups.builder(source, counting, audit).withClock(clock).withKeys(Fixtures.ringA()).build();
        InMemoryDataStore target = Fixtures.emptyStore();

        RestoreResult result = reading.restore(RestoreRequest.latest(), target);

        assertThat(result.error()).isNull();
        assertThat(result.verification().ok()).isTrue();
        assertThat(result.verification().files()).extracting(VerifyResult.FileCheck::table)
                .containsExactlyInAnyOrder("everything", "orders", "users");
        reads.keySet().removeIf(k -> k.endsWith("manifest.json"));
        assertThat(reads).hasSize(3).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        assertThat(target.count("orders")).isEqualTo(5);
    }

    @Test
    void namesATableTheBackupDoesNotHold() {
        RestoreResult result = backups.restore(RestoreRequest.latest().withTables(Set.of("invoices")),
                Fixtures.emptyStore());
        assertThat(result.error()).contains("invoices").contains("[everything, orders, users]");
    }

    @Test
    void targetWithoutABackedUpColumnFailsCleanly() {
        InMemoryDataStore target = InMemoryDataStore.of(new TableSchema("users",
                List.of(ColumnSchema.of("id", SqlType.INTEGER, false)), List.of("id"), List.of()));
        RestoreResult result = backups.restore(RestoreRequest.latest().withTables(Set.of("users")), target);
        assertThat(result.restored()).isFalse();
        assertThat(target.count("users")).isZero();
    }

    @Test
    void picksTheLatestCompleteBackupOfTheRequestedDate() {
        clock.advance(Duration.ofHours(5));
        source.insert("users", Map.of("id", 77, "email", "later@example.com"));
        backups.backup();
        clock.advance(Duration.ofDays(1));
        backups.backup();

        RestoreResult result = backups.restore(RestoreRequest.fromDate(LocalDate.parse("2026-03-01")),
                Fixtures.emptyStore());

        assertThat(result.folder()).contains("2026-03-01T070000Z");
        assertThat(result.rows()).containsEntry("users", 6L);
        assertThat(backups.restore(RestoreRequest.fromDate(LocalDate.parse("2026-02-01")), Fixtures.emptyStore())
                .error()).contains("on 2026-02-01");
    }
}
