package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.TableId;
import org.junit.jupiter.api.Test;

/**
 * Whole databases shaped like the well-known rental-shop samples, backed up, restored into a fresh empty copy of
 * their schema and compared table by table through plain JDBC.
 */
class SampleDatabasesRestoreTest {

    @Test
    void pagilaShapedPostgresDatabaseRestoresTableByTable() throws SQLException {
        try (TestDatabase.Fresh source = TestDatabase.POSTGRES.fresh();
                TestDatabase.Fresh target = TestDatabase.POSTGRES.fresh()) {
            List<String> tables = backUpRestoreAndCompare(source, target, "pagila-shaped");

            // Leaf partitions and both tables of an inheritance pair, each with its own rows; no partitioned
            // parent, no view, no materialized view.
            assertThat(tables).contains("payment_p2022_01", "payment_p2022_02", "note",
                    new TableId("Archive", "note").id(), new TableId("reporting", "Summary").id(),
                    new TableId("reporting", "summary").id(), new TableId("odd \"schema\".x", "t.\"1\"").id())
                    .doesNotContain("payment", new TableId("reporting", "film_list").id(),
                            new TableId("reporting", "rating_counts").id());
            assertThat(store(target).describe().tables()).extracting(t -> t.name()).isEqualTo(tables);
            // Not double-counted: the parent sees its partitions' rows once, and its own plus its child's.
            assertThat(count(target, "SELECT count(*) FROM payment")).isEqualTo(4);
            assertThat(count(target, "SELECT count(*) FROM note")).isEqualTo(3);
            assertThat(count(target, "SELECT count(*) FROM ONLY note")).isEqualTo(2);
            // The rule did not fire on the load: the log holds the source's rows only.
            assertThat(count(target, "SELECT count(*) FROM reporting.rule_log")).isEqualTo(3);
            // The views work on the restored tables.
            assertThat(count(target, "SELECT count(*) FROM reporting.film_list")).isEqualTo(3);
        }
    }

    @Test
    void sakilaShapedMariaDbDatabaseRestoresTableByTable() throws SQLException {
        try (TestDatabase.Fresh source = TestDatabase.MARIADB.fresh();
                TestDatabase.Fresh target = TestDatabase.MARIADB.fresh()) {
            List<String> tables = backUpRestoreAndCompare(source, target, "sakila-shaped");

            assertThat(tables).containsExactly("address", "customer", "film", "film_text", "inventory", "language",
                    "payment", "rental", "staff", "store");
            // The triggers are back and fire again after the restore.
            target.execute("INSERT INTO film (film_id, title, language_id) VALUES (4, 'AFTER', 1)");
            assertThat(count(target, "SELECT count(*) FROM film_text")).isEqualTo(4);
            assertThat(count(target, "SELECT count(*) FROM customer_list")).isEqualTo(3);
        }
    }

    /**
     * Creates the sample in {@code source} (schema and rows) and its empty schema in {@code target}, backs up the
     * source, restores into the target and compares every table; returns the tables backed up.
     */
    private static List<String> backUpRestoreAndCompare(TestDatabase.Fresh source, TestDatabase.Fresh target,
            String sample) throws SQLException {
        SampleDatabase.run(source, sample + "-schema.sql");
        SampleDatabase.run(source, sample + "-data.sql");
        SampleDatabase.run(target, sample + "-schema.sql");
        JdbcDataStore from = store(source);
        List<String> tables = from.describe().tables().stream().map(t -> t.name()).toList();
        Backups backups = new BackupHarness().backups(from);

        BackupResult backup = backups.backup();

        assertThat(backup.failures()).isEmpty();
        assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(backup.tables()).hasSameSizeAs(tables);
        RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), store(target));
        assertThat(restored.error()).isNull();
        assertThat(SampleDatabase.dump(target, tables)).isEqualTo(SampleDatabase.dump(source, tables));
        return tables;
    }

    private static long count(TestDatabase.Fresh db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
