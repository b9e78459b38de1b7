package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compliancekit.StorageException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.junit.jupiter.api.Test;

/**
 * A restore reproduces the source rows exactly although the target schema has triggers, rules, table
 * inheritance and partitions that would change, double or move rows written by ordinary INSERTs.
 */
class RestoreIntegrityTest {

    private static final String[] POSTGRES_SCHEMA = {
        "CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL)",
        "CREATE TABLE people_log (id SERIAL PRIMARY KEY, person INT)",
        // A trigger that changes every inserted row and writes a second one elsewhere.
        "CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN NEW.name := upper(NEW.name); "
                + "INSERT INTO people_log (person) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER people_shout BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION shout()",
        // A rule that doubles every insert into notes.
        "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)",
        "CREATE TABLE notes_copy (id INT, body TEXT)",
        "CREATE RULE notes_twice AS ON INSERT TO notes DO ALSO INSERT INTO notes_copy VALUES (NEW.id, NEW.body)",
        // Inheritance: a parent's plain SELECT also returns its children's rows.
        "CREATE TABLE animals (id INT PRIMARY KEY, name TEXT)",
        "CREATE TABLE dogs (breed TEXT) INHERITS (animals)",
        // Partitions hold the rows; the partitioned parent is no table of its own.
        "CREATE TABLE events (id INT NOT NULL, at DATE NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
        "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "CREATE VIEW people_view AS SELECT id FROM people",
    };

    @Test
    void postgresRestoreIgnoresTriggersRulesInheritanceAndPartitions() {
        try (TestDatabase.Fresh source = TestDatabase.POSTGRES.fresh(); TestDatabase.Fresh target = TestDatabase.POSTGRES.fresh()) {
            source.execute(POSTGRES_SCHEMA);
            target.execute(POSTGRES_SCHEMA);
            source.execute("ALTER TABLE people DISABLE TRIGGER people_shout", "DROP RULE notes_twice ON notes",
                    "INSERT INTO people VALUES (1, 'ann'), (2, 'bob')",
                    "INSERT INTO notes VALUES (1, 'hello')",
                    "INSERT INTO animals VALUES (1, 'cat')", "INSERT INTO dogs VALUES (2, 'rex', 'collie')",
                    "INSERT INTO events VALUES (1, '2024-05-01'), (2, '2025-05-01')");
            JdbcDataStore from = JdbcDataStore.builder(source.dataSource()).build();
            JdbcDataStore to = JdbcDataStore.builder(target.dataSource()).build();

            List<String> tables = from.describe().tables().stream().map(t -> t.name()).toList();
            assertThat(tables).contains("people", "animals", "dogs", "events_2024", "events_2025")
                    .doesNotContain("events", "people_view");

            try (ReadView view = from.openReadView()) {
                assertThat(JdbcDataStoreTest.all(view.scan("animals"))).hasSize(1); // not dog 2: it is the dogs table's row
                Map<String, Long> loaded = to.load(from.describe().parentsFirst(tables), view::scan, LoadMode.REFUSE_NON_EMPTY);
                assertThat(loaded).containsEntry("people", 2L).containsEntry("animals", 1L).containsEntry("dogs", 1L)
                        .containsEntry("events_2024", 1L).containsEntry("people_log", 0L).containsEntry("notes_copy", 0L);
            }
            try (ReadView a = from.openReadView(); ReadView b = to.openReadView()) {
                for (String t : tables) {
                    assertThat(JdbcDataStoreTest.all(b.scan(t))).as(t).usingRecursiveFieldByFieldElementComparator()
                            .isEqualTo(JdbcDataStoreTest.all(a.scan(t)));
                }
            }
            // The target's own triggers and rules still work afterwards: the replica role was local to the restore.
            target.execute("INSERT INTO people VALUES (3, 'cid')");
            try (ReadView b = to.openReadView()) {
                assertThat(JdbcDataStoreTest.all(b.scan("people"))).extracting(r -> r[1]).containsExactly("ann", "bob", "CID");
            }
        }
    }

    private static final String[] MARIADB_TRIGGERS = {
        "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)",
        "CREATE TABLE people_log (id INT AUTO_INCREMENT PRIMARY KEY, person INT)",
        // Two triggers in a set order that would change every restored row and write rows elsewhere.
        "CREATE TRIGGER people_shout BEFORE INSERT ON people FOR EACH ROW SET NEW.name = UPPER(NEW.name)",
        "CREATE TRIGGER people_mark BEFORE INSERT ON people FOR EACH ROW FOLLOWS people_shout "
                + "SET NEW.name = CONCAT(NEW.name, '!')",
        "CREATE TRIGGER people_logged AFTER INSERT ON people FOR EACH ROW INSERT INTO people_log (person) VALUES (NEW.id)",
        "CREATE TRIGGER people_gone AFTER DELETE ON people FOR EACH ROW INSERT INTO people_log (person) VALUES (-OLD.id)",
    };

    @Test
    void mariaDbRestoresIntoTablesWithTriggersWithoutFiringThemAndKeepsThem() {
        try (TestDatabase.Fresh db = TestDatabase.MARIADB.fresh()) {
            db.execute(MARIADB_TRIGGERS);
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {1, "ann"});
            rows.add(new Object[] {2, "bob"});

            store.load(List.of("people"), t -> RowCursor.of(List.of("id", "name"), rows.iterator()), LoadMode.REPLACE);

            try (ReadView view = store.openReadView()) {
                assertThat(JdbcDataStoreTest.all(view.scan("people"))).extracting(r -> r[1]).containsExactly("ann", "bob");
                assertThat(JdbcDataStoreTest.all(view.scan("people_log"))).isEmpty();
            }
            assertThat(triggers(db)).containsExactly("people_gone", "people_logged", "people_shout", "people_mark");
            // The triggers are back, in their order: they fire on the next ordinary insert.
            db.execute("INSERT INTO people VALUES (3, 'cid')");
            try (ReadView view = store.openReadView()) {
                assertThat(JdbcDataStoreTest.all(view.scan("people"))).extracting(r -> r[1]).containsExactly("ann", "bob", "CID!");
                assertThat(JdbcDataStoreTest.all(view.scan("people_log"))).hasSize(1);
            }
        }
    }

    @Test
    void mariaDbTriggersAreCreatedAgainWhenTheRestoreFails() {
        try (TestDatabase.Fresh db = TestDatabase.MARIADB.fresh()) {
            db.execute(MARIADB_TRIGGERS);
            db.execute("INSERT INTO people VALUES (7, 'kept')");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {1, "ann"});
            rows.add(new Object[] {1, "duplicate"});

            assertThatThrownBy(() -> store.load(List.of("people"), t -> RowCursor.of(List.of("id", "name"), rows.iterator()),
                    LoadMode.REPLACE)).isInstanceOf(StorageException.class).hasMessageContaining("people")
                    .hasMessageNotContaining("duplicate");

            try (ReadView view = store.openReadView()) {
                assertThat(JdbcDataStoreTest.all(view.scan("people"))).extracting(r -> r[1]).containsExactly("KEPT!");
            }
            assertThat(triggers(db)).containsExactly("people_gone", "people_logged", "people_shout", "people_mark");
        }
    }

    private static List<String> triggers(TestDatabase.Fresh db) {
        List<String> names = new ArrayList<>();
        try (java.sql.Connection c = db.dataSource().getConnection();
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS "
                        + "WHERE EVENT_OBJECT_SCHEMA = DATABASE() ORDER BY EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
