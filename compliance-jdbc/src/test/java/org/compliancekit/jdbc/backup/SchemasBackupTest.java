package org.compliancekit.jdbc.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancekit.jdbc.backup.BackupHarness.contents;
import static org.compliancekit.jdbc.backup.BackupHarness.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.ConfigurationException;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables outside the default schema are backed up, schema-qualified, and restored into the same schema; tables
 * left out by {@code backup.schemas} are named; case-distinct and hostile schema names keep apart.
 */
class SchemasBackupTest {
    private static final String HOSTILE = "we\"ird. sch ema";

    private static String q(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The same shape in the default schema, in "Sales" and "sales", and in a schema with quotes, dot and spaces. */
    private static String[] shape(TestDatabase kind) {
        return new String[] {
            "CREATE SCHEMA " + q("Sales"),
            "CREATE SCHEMA " + q("sales"),
            "CREATE SCHEMA " + q(HOSTILE),
            "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(40))",
            "CREATE TABLE " + q("sales.orders") + " (id INT PRIMARY KEY, note VARCHAR(40))",
            "CREATE TABLE " + q("Sales") + "." + q("orders") + " (id INT PRIMARY KEY, user_id INT REFERENCES "
                    + q(defaultSchema(kind)) + ".users (id))",
            "CREATE TABLE " + q("sales") + "." + q("orders") + " (id INT PRIMARY KEY, total DECIMAL(10,2))",
            "CREATE TABLE " + q(HOSTILE) + "." + q("odd \"t.x\"") + " (id INT PRIMARY KEY, "
                    + "order_id INT REFERENCES " + q("sales") + "." + q("orders") + " (id))",
        };
    }

    private static void fill(TestDatabase.Fresh db) {
        db.execute("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')",
                "INSERT INTO " + q("sales.orders") + " VALUES (1, 'default schema, dotted')",
                "INSERT INTO " + q("Sales") + "." + q("orders") + " VALUES (10, 1), (11, 2), (12, 2)",
                "INSERT INTO " + q("sales") + "." + q("orders") + " VALUES (20, 1.50), (21, 2.25)",
                "INSERT INTO " + q(HOSTILE) + "." + q("odd \"t.x\"") + " VALUES (30, 20)");
    }

    private static String defaultSchema(TestDatabase kind) {
        return kind == TestDatabase.H2 ? "PUBLIC" : "public";
    }

    private static String orders(String schema) {
        return new TableId(schema, "orders").id();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "H2"})
    void everyNonSystemSchemaIsBackedUpAndRestoredIntoTheSameSchema(TestDatabase kind) throws IOException {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(shape(kind));
            target.execute(shape(kind));
            fill(source);
            JdbcDataStore from = store(source);
            String users = kind == TestDatabase.H2 ? "USERS" : "users";
            String hostile = new TableId(HOSTILE, "odd \"t.x\"").id();
            assertThat(from.describe().tables()).extracting(t -> t.name())
                    .containsExactlyInAnyOrder(users, "sales.orders", orders("Sales"), orders("sales"), hostile);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(from);

            BackupResult backup = backups.backup();

            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(backup.tables()).extracting(BackupResult.TableBackup::table)
                    .containsExactlyInAnyOrder(users, "sales.orders", orders("Sales"), orders("sales"), hostile);
            assertThat(backup.excludedTables()).isEmpty();
            Set<String> foldedKeys = backup.tables().stream().map(t -> t.objectKey().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            assertThat(foldedKeys).as("object keys stay distinct ignoring case").hasSize(5);
            assertThat(backup.tables()).filteredOn(t -> t.table().equals(orders("Sales"))).singleElement()
                    .satisfies(t -> assertThat(t.objectKey()).endsWith("/%22%53ales%22.%22orders%22.json.zst"));
            JsonNode manifest = manifest(h, backup);
            assertThat(manifest.get("format").asInt()).isEqualTo(3);
            assertThat(manifest.get("files").findValuesAsText("table")).contains(hostile, orders("sales"));
            assertThat(backups.verify(backup.folder()).ok()).isTrue();

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), store(target));

            assertThat(restored.error()).isNull();
            assertThat(restored.rows()).containsEntry(orders("Sales"), 3L).containsEntry(orders("sales"), 2L)
                    .containsEntry(hostile, 1L).containsEntry("sales.orders", 1L);
            assertThat(contents(store(target))).isEqualTo(contents(from));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "H2"})
    void schemasOutsideTheConfiguredListAreNamedAsLeftOut(TestDatabase kind) throws IOException {
        try (TestDatabase.Fresh source = kind.fresh()) {
            source.execute(shape(kind));
            fill(source);
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(store(source), BackupSettings.defaults().withEncrypted(false)
                    .withSchemas(Set.of(defaultSchema(kind), "sales")));

            BackupResult backup = backups.backup();

            String hostile = new TableId(HOSTILE, "odd \"t.x\"").id();
            assertThat(backup.status()).isEqualTo(BackupStatus.COMPLETED);
            assertThat(backup.tables()).extracting(BackupResult.TableBackup::table)
                    .contains("sales.orders", orders("sales")).doesNotContain(orders("Sales"), hostile);
            assertThat(backup.excludedTables()).containsExactlyInAnyOrder(orders("Sales"), hostile);
            List<String> excluded = new ArrayList<>();
            manifest(h, backup).get("excludedTables").forEach(n -> excluded.add(n.asText()));
            assertThat(excluded).containsExactlyInAnyOrder(orders("Sales"), hostile);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "H2"})
    void aConfiguredSchemaWithNoTablesIsRefusedNamingIt(TestDatabase kind) {
        try (TestDatabase.Fresh source = kind.fresh()) {
            source.execute(shape(kind));
            fill(source);
            BackupHarness h = new BackupHarness();
            // "SALES" matches neither "Sales" nor "sales": names are exact, so the backup must not quietly skip it.
            Backups backups = h.backups(store(source), BackupSettings.defaults().withEncrypted(false)
                    .withSchemas(Set.of(defaultSchema(kind), "SALES")));

            assertThatThrownBy(backups::backup).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("backup.schemas names [SALES]").hasMessageContaining("Sales")
                    .hasMessageContaining("sales");
            assertThat(h.blobs().list("")).as("nothing written").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "H2"})
    void aRestoreIntoATargetWithoutTheSchemaIsRefusedNamingIt(TestDatabase kind) {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(shape(kind));
            fill(source);
            target.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(40))");
            BackupHarness h = new BackupHarness();
            Backups backups = h.backups(store(source));
            BackupResult backup = backups.backup();

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(backup.folder()), store(target));

            assertThat(restored.restored()).isFalse();
            assertThat(restored.error()).contains("does not exist in the target").contains("creates no table or schema");
            assertThat(contents(store(target)).values()).allMatch(List::isEmpty);
        }
    }

    /** MariaDB: a schema is a database; only the connection's own is read unless more are named. */
    @Test
    void mariaDbBacksUpTheConnectionsDatabaseOnlyUnlessOthersAreNamed() throws SQLException {
        try (TestDatabase.Fresh source = TestDatabase.MARIADB.fresh();
                TestDatabase.Fresh other = TestDatabase.MARIADB.fresh()) {
            String otherDb;
            try (Connection c = other.dataSource().getConnection()) {
                otherDb = c.getCatalog();
            }
            source.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(40))",
                    "INSERT INTO users VALUES (1, 'a@example.com')");
            other.execute("CREATE TABLE invoices (id INT PRIMARY KEY, amount DECIMAL(10,2))",
                    "INSERT INTO invoices VALUES (7, 9.99), (8, 0.01)");
            BackupHarness h = new BackupHarness();

            BackupResult own = h.backups(store(source)).backup();

            assertThat(own.tables()).extracting(BackupResult.TableBackup::table).containsExactly("users");

            JdbcDataStore both = JdbcDataStore.builder(source.dataSource()).withSchemas(List.of(otherDb)).build();
            String invoices = new TableId(otherDb, "invoices").id();
            Backups backups = h.backups(both);
            BackupResult wider = backups.backup();
            assertThat(wider.tables()).extracting(BackupResult.TableBackup::table)
                    .containsExactlyInAnyOrder("users", invoices);
            other.execute("DELETE FROM invoices");

            RestoreResult restored = backups.restore(RestoreRequest.fromFolder(wider.folder())
                    .withTables(Set.of(invoices)), both);

            assertThat(restored.error()).isNull();
            assertThat(restored.rows()).containsEntry(invoices, 2L);
            assertThat(contents(both).get(invoices)).hasSize(2);
        }
    }

    private static JsonNode manifest(BackupHarness h, BackupResult backup) throws IOException {
        String key = "backups/main/" + backup.folder() + "/manifest.json";
        try (InputStream in = h.blobs().get(key)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
