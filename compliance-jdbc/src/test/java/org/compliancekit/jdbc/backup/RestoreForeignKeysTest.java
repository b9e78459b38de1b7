package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compliancekit.jdbc.backup.BackupHarness.contents;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restores of foreign-key graphs that cannot be loaded parents first (cycles, self-references), and replacing
 * tables that others reference with ON DELETE CASCADE or SET NULL without touching those others.
 */
class RestoreForeignKeysTest {

    /** store.manager_staff_id → staff and staff.store_id → store, as in the well-known rental sample database. */
    private static String[] cycleSchema(TestDatabase kind) {
        return new String[] {
            "CREATE TABLE store (store_id INT PRIMARY KEY, manager_staff_id INT NOT NULL, name VARCHAR(40))",
            "CREATE TABLE staff (staff_id INT PRIMARY KEY, store_id INT NOT NULL, boss_id INT, "
                    + "FOREIGN KEY (store_id) REFERENCES store (store_id), "
                    + "FOREIGN KEY (boss_id) REFERENCES staff (staff_id))",
            "ALTER TABLE store ADD CONSTRAINT store_manager FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id)",
            "CREATE TABLE rental (rental_id INT PRIMARY KEY, staff_id INT NOT NULL REFERENCES staff (staff_id))",
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aForeignKeyCycleAndASelfReferenceRestore(TestDatabase kind) {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(cycleSchema(kind));
            target.execute(cycleSchema(kind));
            // Rows that satisfy the cycle can only be written with the checks deferred or off.
            source.execute(checksOff(kind), "INSERT INTO store VALUES (1, 10, 'north'), (2, 20, 'south')",
                    "INSERT INTO staff VALUES (20, 2, 10), (10, 1, NULL), (11, 1, 10)",
                    "INSERT INTO rental VALUES (100, 11), (101, 20)", checksOn(kind));
            JdbcDataStore from = store(source);
            JdbcDataStore to = store(target);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(from);
            BackupResult backup = backups.backup();
            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), to);

            assertThat(restored.error()).isNull();
            assertThat(restored.restored()).isTrue();
            assertThat(restored.totalRows()).isEqualTo(7);
            assertThat(contents(to)).isEqualTo(contents(from));
            // Foreign keys are on again afterwards: a dangling row is refused.
            assertThatFails(() -> target.execute("INSERT INTO rental VALUES (102, 999)"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void erasureOrderStillNamesACycleWithAnErasureMessage(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute(cycleSchema(kind));
            JdbcDataStore store = store(db);
            List<String> names = store.describe().tables().stream().map(t -> t.name()).toList();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.describe().parentsFirst(names))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cycle").hasMessageContaining("erased").hasMessageNotContaining("restore");
            assertThat(store.describe().loadOrder(names)).hasSize(3).last().isEqualTo(names.stream()
                    .filter(n -> n.equalsIgnoreCase("rental")).findFirst().orElseThrow());
        }
    }

    private static String[] referencedSchema(TestDatabase kind) {
        return new String[] {
            "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(40))",
            "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE)",
            "CREATE TABLE notes (id INT PRIMARY KEY, user_id INT, "
                    + "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL)",
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replacingAReferencedTableLeavesCascadingAndSetNullChildrenAlone(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute(referencedSchema(kind));
            db.execute("INSERT INTO users VALUES (1, 'ann'), (2, 'bob')",
                    "INSERT INTO orders VALUES (10, 1), (11, 2)",
                    "INSERT INTO notes VALUES (20, 1), (21, 2)");
            JdbcDataStore store = store(db);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(store);
            BackupResult backup = backups.backup();
            db.execute("UPDATE users SET name = 'changed'");
            Map<String, List<String>> before = contents(store);

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder())
                    .withTables(Set.of(tableName(store, "users"))).withReplace(true));

            assertThat(restored.error()).isNull();
            assertThat(restored.rows()).hasSize(1);
            Map<String, List<String>> after = contents(store);
            assertThat(after.get(tableName(store, "orders"))).isEqualTo(before.get(tableName(store, "orders")))
                    .hasSize(2);
            assertThat(after.get(tableName(store, "notes"))).isEqualTo(before.get(tableName(store, "notes")))
                    .noneMatch(r -> r.contains("null"));
            assertThat(after.get(tableName(store, "users"))).noneMatch(r -> r.contains("changed")).hasSize(2);
            // The cascade itself still works once the restore is over.
            db.execute("DELETE FROM users WHERE id = 1");
            assertThat(contents(store).get(tableName(store, "orders"))).hasSize(1);
        }
    }

    static String tableName(JdbcDataStore store, String name) {
        return store.describe().require(name).name();
    }

    /** Switches foreign-key checks off for the rest of the session (H2: until switched on again). */
    static String checksOff(TestDatabase kind) {
        return switch (kind) {
            case POSTGRES -> "SET session_replication_role = replica";
            case MARIADB -> "SET FOREIGN_KEY_CHECKS = 0";
            case H2 -> "SET REFERENTIAL_INTEGRITY FALSE";
        };
    }

    static String checksOn(TestDatabase kind) {
        return switch (kind) {
            case POSTGRES -> "SET session_replication_role = origin";
            case MARIADB -> "SET FOREIGN_KEY_CHECKS = 1";
            case H2 -> "SET REFERENTIAL_INTEGRITY TRUE";
        };
    }

    static void assertThatFails(Runnable r) {
        org.assertj.core.api.Assertions.assertThatThrownBy(r::run).isNotNull();
    }
}
