package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.junit.jupiter.api.Test;

/** Key rotation, the missing-key refusal, and partial and failed backups. */
class KeysAndStatusTest {
    final MutableClock clock = new MutableClock("2026-03-01T02:00:00Z");
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    final InMemoryDataStore source = Fixtures.filledStore();

    @Test
    void rotatedRingReadsOldBackupsAndWritesWithTheNewPrimary() throws IOException {
        backups(source, Fixtures.ringA()).backup();
        clock.advance(java.time.Duration.ofDays(1));
        KeyRing rotated = KeyRing.of("b", Map.of("a", Fixtures.KEY_A, "b", Fixtures.KEY_B));
        Backups after = backups(source, rotated);

        after.backup();

        assertThat(after.verify("2026-03-01").ok()).isTrue();
        assertThat(after.verify("2026-03-02").ok()).isTrue();
        JsonNode m = new ObjectMapper().readTree(blobs.snapshot().get("backups/main/2026-03-02/manifest.json"));
        assertThat(m.get("mac").get("keyId").asText()).isEqualTo("b");
        assertThat(m.get("files").findValuesAsText("keyId")).containsOnly("b");
        InMemoryDataStore target = Fixtures.emptyStore();
        assertThat(after.restore(RestoreRequest.fromFolder("2026-03-01"), target).restored()).isTrue();
        Fixtures.assertSameRows(source, target);

        VerifyResult withoutOldKey = backups(source, KeyRing.single("b", Fixtures.KEY_B)).verify("2026-03-01");
        assertThat(withoutOldKey.problems()).singleElement().asString().contains("key id 'a'");
        assertThat(withoutOldKey.files()).allSatisfy(f -> assertThat(f.problem()).contains("key id 'a'"));
    }

    @Test
    void encryptionWithoutAKeyFailsAndWritesNothing() {
        Backups backups = backups(source, KeyRing.empty());

        assertThatThrownBy(backups::backup).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("withKeys(..)").hasMessageContaining("backup.encrypted");
        assertThat(blobs.keys()).isEmpty();
        assertThat(audit.last().status()).isEqualTo(AuditStatus.FAILED);
    }

    @Test
    void oneFailingTableMakesThePartialStatusAndLeavesNoFile() {
        Backups backups = backups(failing(Set.of("orders")), Fixtures.ringA());

        BackupResult result = backups.backup();

        assertThat(result.status()).isEqualTo(BackupStatus.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.table()).isEqualTo("orders");
            assertThat(f.error()).contains("disk on fire");
        });
        assertThat(result.tables()).extracting(BackupResult.TableBackup::table).containsExactly("everything", "users");
        assertThat(blobs.keys()).noneMatch(k -> k.contains("orders"));
        assertThat(audit.last().status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(audit.last().details()).containsEntry("failedTables", List.of("orders"));
        VerifyResult verified = backups.verify("2026-03-01");
        assertThat(verified.ok()).isFalse();
        assertThat(verified.intact()).isTrue();
        assertThat(verified.partial()).isTrue();
        assertThat(verified.missingTables()).singleElement().satisfies(f -> {
            assertThat(f.table()).isEqualTo("orders");
            assertThat(f.error()).contains("disk on fire");
        });
        assertThat(audit.last().status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(audit.last().details()).containsEntry("missingTables", List.of("orders"));
        assertThat(backups.listBackups()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BackupStatus.PARTIAL);
            assertThat(b.authenticated()).isTrue();
        });
        assertThat(backups.lastCompleted()).isEmpty();
        assertThat(backups.restore(RestoreRequest.latest(), Fixtures.emptyStore()).error())
                .contains("no complete backup");
    }

    @Test
    void aPartialBackupIsRestoredOnlyWhenAllowedAndTheResultNamesWhatWasLeftOut() {
        Backups backups = backups(failing(Set.of("orders")), Fixtures.ringA());
        backups.backup();

        RestoreResult refused = backups.restore(RestoreRequest.fromFolder("2026-03-01"), Fixtures.emptyStore());
        assertThat(refused.restored()).isFalse();
        assertThat(refused.error()).contains("partial").contains("[orders]").contains("nothing was restored");
        assertThat(audit.last().status()).isEqualTo(AuditStatus.FAILED);

        RestoreResult allowed = backups.restore(RestoreRequest.fromFolder("2026-03-01").withAllowPartial(true),
                Fixtures.emptyStore());
        assertThat(allowed.restored()).isTrue();
        assertThat(allowed.complete()).isFalse();
        assertThat(allowed.rows()).containsOnlyKeys("everything", "users");
        assertThat(allowed.notRestored()).extracting(TableFailure::table).containsExactly("orders");
        assertThat(audit.last().status()).isEqualTo(AuditStatus.PARTIAL);
        assertThat(audit.last().summary()).contains("not restored").contains("orders");

        // Asking for tables the backup holds is no partial restore.
        RestoreResult users = backups.restore(RestoreRequest.fromFolder("2026-03-01").withTables(Set.of("users")),
                Fixtures.emptyStore());
        assertThat(users.complete()).isTrue();
        RestoreResult orders = backups.restore(RestoreRequest.fromFolder("2026-03-01").withTables(Set.of("orders")),
                Fixtures.emptyStore());
        assertThat(orders.restored()).isFalse();
        assertThat(orders.error()).contains("[orders]");
    }

    @Test
    void driverMessagesAreWithheldBecauseTheyMayQuoteRows() {
        BackupResult result = backups(failing(Set.of("users"), new IllegalStateException("duplicate key alice@x.org")),
                Fixtures.ringA()).backup();
        assertThat(result.failures()).singleElement().extracting(TableFailure::error).asString()
                .contains("IllegalStateException").doesNotContain("alice");
    }

    @Test
    void allTablesFailingMakesTheFailedStatus() throws IOException {
        BackupResult result = backups(failing(Set.of("orders", "users", "everything")), Fixtures.ringA()).backup();

        assertThat(result.status()).isEqualTo(BackupStatus.FAILED);
        assertThat(result.failures()).hasSize(3);
        assertThat(blobs.keys()).containsExactly("backups/main/2026-03-01/manifest.json");
        JsonNode m = new ObjectMapper().readTree(blobs.snapshot().get("backups/main/2026-03-01/manifest.json"));
        assertThat(m.get("status").asText()).isEqualTo("failed");
        assertThat(m.get("failedTables").findValuesAsText("table")).containsExactly("everything", "orders", "users");
        assertThat(audit.last().status()).isEqualTo(AuditStatus.FAILED);
    }

    @Test
    void aManifestThatCannotBeWrittenLeavesAnIncompleteFolderAndAFailedEvent() {
        org.compliancekit.store.BlobStore refusingManifests = new ForwardingBlobStore(blobs) {
            @Override
            public BlobOutput put(String key) {
                if (key.endsWith("manifest.json")) {
                    throw new StorageException("bucket is read-only for " + key);
                }
                return super.put(key);
            }
        };
        Backups backups = Backups.builder(source, refusingManifests, audit).withClock(clock)
                .withKeys(Fixtures.ringA()).build();

        assertThatThrownBy(backups::backup).isInstanceOf(StorageException.class)
                .hasMessageContaining("manifest.json").hasMessageContaining("incomplete");
        assertThat(audit.last().status()).isEqualTo(AuditStatus.FAILED);
        assertThat(blobs.keys()).hasSize(3).noneMatch(k -> k.endsWith("manifest.json"));
        assertThat(backups.listBackups()).isEmpty();
    }

    @Test
    void theNewestAndTheLastCompleteBackupAreFoundWithoutReadingEveryManifest() {
        java.util.concurrent.atomic.AtomicInteger manifestReads = new java.util.concurrent.atomic.AtomicInteger();
        org.compliancekit.store.BlobStore counting = new ForwardingBlobStore(blobs) {
            @Override
            public java.io.InputStream get(String key) {
                if (key.endsWith("/" + Layout.MANIFEST)) {
                    manifestReads.incrementAndGet();
                }
                return super.get(key);
            }
        };
        for (int day = 0; day < 5; day++) {
            backups(source, Fixtures.ringA()).backup();
            clock.advance(java.time.Duration.ofDays(1));
        }
        backups(failing(Set.of("orders")), Fixtures.ringA()).backup(); // the newest, partial
        Backups reading = Backups.builder(source, counting, audit).withClock(clock).withKeys(Fixtures.ringA()).build();

        manifestReads.set(0);
        assertThat(reading.newest()).get().satisfies(b -> {
            assertThat(b.folder()).isEqualTo("2026-03-06");
            assertThat(b.isComplete()).isFalse();
        });
        assertThat(manifestReads).hasValue(1);
        manifestReads.set(0);
        assertThat(reading.lastCompleted()).get().extracting(BackupInfo::folder).isEqualTo("2026-03-05");
        assertThat(manifestReads).hasValue(2);
        assertThat(reading.listBackups()).hasSize(6);
    }

    private Backups backups(DataStore store, KeyRing keys) {
        return Backups.builder(store, blobs, audit).withClock(clock).withKeys(keys).build();
    }

    private DataStore failing(Set<String> tables) {
        return failing(tables, new StorageException("table is unreadable: disk on fire"));
    }

    /** The filled store, except that scanning {@code tables} fails half way. */
    private DataStore failing(Set<String> tables, RuntimeException error) {
        return new DataStore() {
            @Override
            public SchemaDescription describe() {
                return source.describe();
            }

            @Override
            public ReadView openReadView() {
                ReadView view = source.openReadView();
                return new ReadView() {
                    @Override
                    public RowCursor scan(String table) {
                        RowCursor rows = view.scan(table);
                        if (!tables.contains(table)) {
                            return rows;
                        }
                        return new RowCursor() {
                            @Override
                            public List<String> columns() {
                                return rows.columns();
                            }

                            @Override
                            public Object[] next() {
                                rows.next();
                                throw error;
                            }

                            @Override
                            public void close() {
                                rows.close();
                            }
                        };
                    }

                    @Override
                    public RowCursor subjectRows(org.compliancekit.pii.TableMapping m, org.compliancekit.pii.SubjectRef s) {
                        return view.subjectRows(m, s);
                    }

                    @Override
                    public List<org.compliancekit.store.MatchedRow> findExpired(org.compliancekit.store.ExpiryQuery q) {
                        return view.findExpired(q);
                    }

                    @Override
                    public void close() {
                        view.close();
                    }
                };
            }

            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return source.inTransaction(work);
            }

            @Override
            public Map<String, Long> load(List<String> t, LoadSource s, LoadMode mode) {
                return source.load(t, s, mode);
            }
        };
    }

}
