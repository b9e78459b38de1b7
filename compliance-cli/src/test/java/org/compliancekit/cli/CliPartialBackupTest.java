package org.compliancekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.cli.CliFixture.concat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.compliancekit.StorageException;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.pii.SubjectRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup in which one table failed: verify-backup and restore name it and never exit 0. */
class CliPartialBackupTest {
    @TempDir
    Path dir;
    CliFixture shop;
    Path key;
    List<String> target;

    @BeforeEach
    void partialBackup() throws Exception {
        shop = new CliFixture(dir);
        key = dir.resolve("keys/k2026.key");
        shop.run("keygen", "--out", key.toString()).assertOk();
        JdbcDataStore source = JdbcDataStore.builder(h2(shop.url)).build();
        Backups backups = Backups.builder(failingOrders(source), FileSystemBlobStore.at(shop.store),
                InMemoryAuditLog.builder(Clock.systemUTC()).build())
                .withKeys(SecretFiles.keyRing(List.of(key.toString()), warning -> { }))
                .withSettings(BackupSettings.defaults())
                .withClock(Clock.fixed(CliFixture.NOW, ZoneOffset.UTC)).build();
        assertThat(backups.backup().status()).isEqualTo(BackupStatus.PARTIAL);
        String second = shop.createShop("drill", false);
        target = List.of("--jdbc-url", second, "--user", "sa", "--store", shop.store.toString(),
                "--key-file", key.toString(), "--date", "2026-03-01");
    }

    @Test
    void verifyBackupSaysPartialNamesTheMissingTableAndExitsOne() {
        CliFixture.Run r = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file", key.toString(),
                "--date", "2026-03-01");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("PARTIAL: 1 tables missing", "1 files") // a shortfall is reported on stderr
                .containsPattern("ORDERS +MISSING: failed when the backup ran: .*disk on fire");
    }

    @Test
    void restoreRefusesAPartialBackupUnlessAllowedAndThenNamesWhatItLeftOut() throws Exception {
        CliFixture.Run refused = shop.run(concat(target, "restore"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT restored", "partial", "[ORDERS]");
        assertThat(shop.count(target.get(1), "SELECT COUNT(*) FROM users")).isZero();

        CliFixture.Run allowed = shop.run(concat(target, "restore", "--allow-partial"));
        assertThat(allowed.code()).isEqualTo(1);
        assertThat(allowed.err()).contains("restored 1 tables, 2 rows; 1 tables NOT restored")
                .containsPattern("ORDERS +NOT restored: missing from the backup");
        assertThat(shop.count(target.get(1), "SELECT COUNT(*) FROM users")).isEqualTo(2);
    }

    @Test
    void aDateWithAnEarlierCompleteBackupChoosesThatOneOverTheLaterPartialOne() throws Exception {
        JdbcDataStore source = JdbcDataStore.builder(h2(shop.url)).build();
        // the day's folders, oldest first: partial (10:00, from setUp), complete (11:00), partial again (12:00)
        assertThat(backupsAt(source, CliFixture.NOW.plusSeconds(3600)).backup().status())
                .isEqualTo(BackupStatus.COMPLETED);
        assertThat(backupsAt(failingOrders(source), CliFixture.NOW.plusSeconds(7200)).backup().status())
                .isEqualTo(BackupStatus.PARTIAL);

        CliFixture.Run verified = shop.run("verify-backup", "--store", shop.store.toString(), "--key-file",
                key.toString(), "--date", "2026-03-01");
        CliFixture.Run restored = shop.run(concat(target, "restore"));

        assertThat(verified.code()).isZero();
        assertThat(verified.out()).contains("T110000Z");
        assertThat(restored.code()).isZero();
        assertThat(shop.count(target.get(1), "SELECT COUNT(*) FROM orders")).isPositive();
    }

    private Backups backupsAt(DataStore source, java.time.Instant at) {
        return Backups.builder(source, FileSystemBlobStore.at(shop.store),
                InMemoryAuditLog.builder(Clock.systemUTC()).build())
                .withKeys(SecretFiles.keyRing(List.of(key.toString()), warning -> { }))
                .withSettings(BackupSettings.defaults())
                .withClock(Clock.fixed(at, ZoneOffset.UTC)).build();
    }

    /** The H2 driver is a runtime dependency only, so its data source is made by name. */
    private static DataSource h2(String url) throws ReflectiveOperationException {
        Object ds = Class.forName("org.h2.jdbcx.JdbcDataSource").getConstructor().newInstance();
        ds.getClass().getMethod("setURL", String.class).invoke(ds, url);
        ds.getClass().getMethod("setUser", String.class).invoke(ds, "sa");
        ds.getClass().getMethod("setPassword", String.class).invoke(ds, CliFixture.DB_PASSWORD);
        return (DataSource) ds;
    }

    /** {@code store}, except that scanning orders fails as an unreadable table would. */
    private static DataStore failingOrders(DataStore store) {
        return new DataStore() {
            @Override
            public SchemaDescription describe() {
                return store.describe();
            }

            @Override
            public ReadView openReadView() {
                ReadView view = store.openReadView();
                return new ReadView() {
                    @Override
                    public RowCursor scan(String table) {
                        if (table.equalsIgnoreCase("orders")) {
                            throw new StorageException("table is unreadable: disk on fire");
                        }
                        return view.scan(table);
                    }

                    @Override
                    public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
                        return view.subjectRows(mapping, subject);
                    }

                    @Override
                    public List<MatchedRow> findExpired(ExpiryQuery query) {
                        return view.findExpired(query);
                    }

                    @Override
                    public void close() {
                        view.close();
                    }
                };
            }

            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return store.inTransaction(work);
            }

            @Override
            public java.util.Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
                return store.load(tables, source, mode);
            }
        };
    }
}
