package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.contents;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupCompression;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.backup.VerifyResult;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.InMemoryBlobStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restore reads each file once, checking it while its rows stream into the database: damage found midway or
 * only at the end of a file rolls the whole load back, and the target keeps exactly the rows it had.
 */
class DamagedBackupRestoreTest {
    private static final int SEGMENT = 1024;
    private static final int SEALED = SEGMENT + 16;
    /** Magic, version, segment size, key id length, key id "a", salt, nonce prefix. */
    private static final int HEADER = 4 + 1 + 4 + 1 + 1 + 32 + 7;
    private static final int ORDERS = 3000;
    private static final KeyRing KEYS = KeyRing.single("a", Base64.getEncoder().encodeToString(filled(32)));

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryAuditLog audit = InMemoryAuditLog.builder(Clock.systemUTC()).build();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aByteFlippedInTheLastSegmentRollsTheLoadBack(TestDatabase kind) {
        restoreDamaged(kind, (folder, file) -> {
            byte[] b = blobs.snapshot().get(file);
            b[b.length - 3] ^= 1;
            blobs.overwrite(file, b);
            return "does not authenticate";
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTruncatedFileRollsTheLoadBack(TestDatabase kind) {
        restoreDamaged(kind, (folder, file) -> {
            byte[] b = blobs.snapshot().get(file);
            blobs.overwrite(file, Arrays.copyOf(b, HEADER + 20 * SEALED));
            return "segment 19";
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFileWithTheWrongRowCountRollsTheLoadBackAfterItsLastRow(TestDatabase kind) {
        restoreDamaged(kind, (folder, file) -> {
            // The next day's file of the same table authenticates, but holds one row more than the manifest says.
            Backups nextDay = backups(sourceStore, Instant.parse("2026-03-02T02:00:00Z"));
            sourceDb.execute("INSERT INTO orders VALUES (" + (ORDERS + 1) + ", 1, 'late')");
            BackupResult later = nextDay.backup();
            assertThat(later.status()).isEqualTo(BackupStatus.COMPLETED);
            blobs.overwrite(file, blobs.snapshot().get(ordersFile(later.folder())));
            return "holds " + (ORDERS + 1) + " rows, the manifest says " + ORDERS;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rowsTheTargetRefusesFailTheRestoreRatherThanBeingSkipped(TestDatabase kind) {
        // MariaDB's LOAD DATA LOCAL turns a duplicate key into a warning and skips the row: it must fail instead.
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute("CREATE TABLE tags (id INT PRIMARY KEY, label VARCHAR(40))",
                    "INSERT INTO tags VALUES (1, 'same'), (2, 'other'), (3, 'same')");
            target.execute("CREATE TABLE tags (id INT PRIMARY KEY, label VARCHAR(40) UNIQUE)",
                    "INSERT INTO tags VALUES (9, 'kept')");
            JdbcDataStore to = store(target);
            Backups backups = backups(store(source), Instant.parse("2026-03-01T02:00:00Z"));
            BackupResult backup = backups.backup();
            Map<String, List<String>> before = contents(to);

            RestoreResult result = backups.restore(RestoreRequest.fromFolder(backup.folder()).withReplace(true), to);

            assertThat(result.restored()).isFalse();
            assertThat(result.error()).containsIgnoringCase("tags").doesNotContain("same");
            assertThat(result.verification().files()).allMatch(VerifyResult.FileCheck::ok);
            assertThat(contents(to)).isEqualTo(before);
        }
    }

    private TestDatabase.Fresh sourceDb;
    private JdbcDataStore sourceStore;
    private byte[] original;

    /** Breaks the orders file of a fresh backup; returns text the failure must contain. */
    @FunctionalInterface
    private interface Damage {
        String apply(String folder, String ordersFile);
    }

    private void restoreDamaged(TestDatabase kind, Damage damage) {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            sourceDb = source;
            source.execute(schema());
            target.execute(schema());
            source.execute(inserts(1));
            target.execute("INSERT INTO customers VALUES (7, 'kept')", "INSERT INTO orders VALUES (70, 7, 'kept')");
            sourceStore = store(source);
            JdbcDataStore to = store(target);
            Backups backups = backups(sourceStore, Instant.parse("2026-03-01T02:00:00Z"));
            BackupResult backup = backups.backup();
            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
            String file = ordersFile(backup.folder());
            assertThat(blobs.snapshot().get(file).length).isGreaterThan(HEADER + 40 * SEALED);
            Map<String, List<String>> before = contents(to);
            Map<String, List<String>> backedUp = contents(sourceStore);
            String expected = damage.apply(backup.folder(), file);

            RestoreResult result = backups.restore(RestoreRequest.fromFolder(backup.folder()).withReplace(true), to);

            assertThat(result.restored()).isFalse();
            assertThat(result.rows()).isEmpty();
            assertThat(result.error()).contains("failed verification while table")
                    .containsIgnoringCase("orders").contains("nothing was restored").contains(expected);
            assertThat(result.verification().files()).filteredOn(f -> !f.ok()).singleElement()
                    .extracting(VerifyResult.FileCheck::objectKey).isEqualTo(file);
            // customers loaded in full, and orders partly, before the damage showed: both were rolled back.
            assertThat(result.verification().files()).filteredOn(VerifyResult.FileCheck::ok)
                    .extracting(f -> f.table().toLowerCase(Locale.ROOT)).containsExactly("customers");
            assertThat(contents(to)).isEqualTo(before);

            // The same backup undamaged restores in full over the same target.
            blobs.overwrite(file, original);
            RestoreResult again = backups.restore(RestoreRequest.fromFolder(backup.folder()).withReplace(true), to);
            assertThat(again.error()).isNull();
            assertThat(again.totalRows()).isEqualTo(ORDERS + 1);
            assertThat(contents(to)).isEqualTo(backedUp);
        }
    }

    private String ordersFile(String folder) {
        // H2 spells the table ORDERS, whose file name escapes each upper-case letter.
        String file = blobs.keys().stream().filter(k -> k.contains("/" + folder + "/")
                && (k.contains("/orders.") || k.contains("/%4F%52%44%45%52%53."))).findFirst().orElseThrow();
        if (original == null) {
            original = blobs.snapshot().get(file);
        }
        return file;
    }

    private Backups backups(JdbcDataStore from, Instant at) {
        // Uncompressed, so the orders file spans many small segments, to damage the last one or cut it short.
        return Backups.builder(from, blobs, audit).withClock(Clock.fixed(at, ZoneOffset.UTC)).withKeys(KEYS)
                .withSegmentSize(SEGMENT)
                .withSettings(BackupSettings.defaults().withCompression(BackupCompression.NONE)).build();
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37 + 11); // distinct bytes: a key the ring accepts
        }
        return b;
    }

    private static String[] schema() {
        return new String[] {
            "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)",
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id), "
                    + "note VARCHAR(200))",
        };
    }

    private static String[] inserts(int customer) {
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO customers VALUES (" + customer + ", 'ann')");
        StringBuilder batch = new StringBuilder();
        for (int i = 1; i <= ORDERS; i++) {
            batch.append(batch.length() == 0 ? "INSERT INTO orders VALUES " : ", ")
                    .append("(").append(i).append(", ").append(customer).append(", 'order number ").append(i)
                    .append(" of a restore that must roll back')");
            if (i % 500 == 0) {
                sql.add(batch.toString());
                batch.setLength(0);
            }
        }
        return sql.toArray(String[]::new);
    }
}
