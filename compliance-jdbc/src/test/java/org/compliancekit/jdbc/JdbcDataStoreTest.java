package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.Condition;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC store's behaviour on each real database: schema, reads, retention writes, restore. */
class JdbcDataStoreTest {
    private static final ErasureContext HASHING = ErasureContext.withHashSecret("0123456789abcdef0123".getBytes());
    private static final Instant CUTOFF = Instant.parse("2024-06-01T00:00:00Z");

    static void createShop(TestDatabase.Fresh db) {
        db.execute(
                "CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200), name VARCHAR(100) NOT NULL, "
                        + "created_at TIMESTAMP, active BOOLEAN)",
                "CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT, note VARCHAR(200), "
                        + "shipped_at TIMESTAMP, CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id))",
                "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, order_id BIGINT NOT NULL, label VARCHAR(100), "
                        + "CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id))",
                "INSERT INTO users VALUES (1, 'ann@example.com', 'Ann', TIMESTAMP '2024-01-01 10:00:00', TRUE)",
                "INSERT INTO users VALUES (2, 'bob@example.com', 'Bob', TIMESTAMP '2024-05-31 23:59:59', FALSE)",
                "INSERT INTO users VALUES (3, 'cid@example.com', 'Cid', TIMESTAMP '2024-06-01 00:00:01', TRUE)",
                "INSERT INTO users VALUES (4, NULL, 'Dee', NULL, TRUE)",
                "INSERT INTO orders VALUES (10, 1, 'to Ann', TIMESTAMP '2024-02-01 00:00:00')",
                "INSERT INTO orders VALUES (11, 2, 'to Bob', TIMESTAMP '2024-03-01 00:00:00')",
                "INSERT INTO items VALUES (100, 10, 'book')",
                "INSERT INTO items VALUES (101, 11, 'pen')");
    }

    static JdbcDataStore store(TestDatabase.Fresh db) {
        return JdbcDataStore.builder(db.dataSource()).withFetchSize(2).withBatchSize(2).build();
    }

    static List<Object[]> all(RowCursor c) {
        try (c) {
            List<Object[]> out = new ArrayList<>();
            for (Object[] r = c.next(); r != null; r = c.next()) {
                out.add(r);
            }
            return out;
        }
    }

    static List<MatchedRow> expired(JdbcDataStore store, ExpiryQuery q) {
        return store.inTransaction(tx -> tx.findExpired(q));
    }

    static int anonymize(JdbcDataStore store, TableMapping m, List<RowKey> keys, ErasureContext context) {
        return store.inTransaction(tx -> tx.anonymize(m, keys, context));
    }

    static int delete(JdbcDataStore store, String table, List<RowKey> keys) {
        return store.inTransaction(tx -> tx.delete(table, keys));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void describesTablesColumnsAndKeys(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            db.execute("CREATE VIEW active_users AS SELECT id FROM users");
            JdbcDataStore store = store(db);
            assertThat(store.describe().tables()).extracting(t -> t.name().toLowerCase())
                    .containsExactly("items", "orders", "users");
            TableSchema orders = store.describe().require("orders");
            assertThat(orders.primaryKey()).extracting(String::toLowerCase).containsExactly("id");
            assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.name().toLowerCase()).isEqualTo("fk_orders_user");
                assertThat(fk.referencedTable()).isEqualToIgnoringCase("users");
                assertThat(fk.columns()).extracting(String::toLowerCase).containsExactly("user_id");
            });
            ColumnSchema email = store.describe().require("users").column("email").orElseThrow();
            assertThat(email.type()).isEqualTo(SqlType.TEXT);
            assertThat(email.size()).isEqualTo(200);
            assertThat(email.nullable()).isTrue();
            assertThat(store.describe().require("users").column("name").orElseThrow().nullable()).isFalse();
            assertThat(store.describe().require("users").column("active").orElseThrow().type()).isEqualTo(SqlType.BOOLEAN);
            assertThat(store.describe().require("users").column("created_at").orElseThrow().type()).isEqualTo(SqlType.TIMESTAMP);
            assertThat(store.describe().parentsFirst(List.of("items", "users", "orders")))
                    .extracting(String::toLowerCase).containsExactly("users", "orders", "items");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scansInKeyOrderWithTypedValues(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            try (ReadView view = store(db).openReadView()) {
                List<Object[]> rows = all(view.scan("users"));
                assertThat(rows).extracting(r -> r[0]).containsExactly(1L, 2L, 3L, 4L);
                assertThat(rows.get(0)).containsExactly(1L, "ann@example.com", "Ann", LocalDateTime.parse("2024-01-01T10:00:00"), true);
                assertThat(rows.get(3)[3]).isNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readViewKeepsItsSnapshotWhileOthersWrite(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("items"))).hasSize(2);
                db.execute("INSERT INTO users VALUES (5, 'eve@example.com', 'Eve', NULL, TRUE)",
                        "INSERT INTO orders VALUES (12, 5, 'to Eve', NULL)");
                assertThat(all(view.scan("users"))).hasSize(4);
                assertThat(all(view.scan("orders"))).hasSize(2);
            }
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("users"))).hasSize(5);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void findsExpiredRowsPageByPageWithConditionAndSubject(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            ExpiryQuery first = new ExpiryQuery("users", "created_at", CUTOFF, Condition.always(), List.of(),
                    SubjectLink.email("email"), null, 1);
            List<MatchedRow> page1 = expired(store, first);
            assertThat(page1).containsExactly(new MatchedRow(RowKey.of(1L), "ann@example.com"));
            List<MatchedRow> page2 = expired(store, first.after(page1.get(0).key()));
            assertThat(page2).containsExactly(new MatchedRow(RowKey.of(2L), "bob@example.com"));
            assertThat(expired(store, first.after(RowKey.of(2L)))).isEmpty();

            ExpiryQuery inactive = new ExpiryQuery("users", "created_at", CUTOFF, Condition.isFalse("active"),
                    List.of(), null, null, 10);
            assertThat(expired(store, inactive)).extracting(MatchedRow::key)
                    .containsExactly(RowKey.of(2L));
            ExpiryQuery either = new ExpiryQuery("users", "created_at", Instant.parse("2030-01-01T00:00:00Z"),
                    Condition.or(Condition.in("name", "Ann", "Cid"), Condition.isNull("email")), List.of(), null, null, 10);
            assertThat(expired(store, either)).extracting(MatchedRow::key)
                    .containsExactly(RowKey.of(1L), RowKey.of(3L));

            ExpiryQuery viaPath = new ExpiryQuery("items", "id", CUTOFF, Condition.always(), List.of(),
                    SubjectLink.path(List.of(Join.to("order_id", "orders", "id"), Join.to("user_id", "users", "id")),
                            SubjectLink.email("email")), null, 10);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.findExpired(viaPath)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not hold timestamps");
            ExpiryQuery ordersViaPath = new ExpiryQuery("orders", "shipped_at", CUTOFF, Condition.always(), List.of(),
                    SubjectLink.path(List.of(Join.to("user_id", "users", "id")), SubjectLink.email("email")), null, 10);
            assertThat(expired(store, ordersViaPath)).containsExactly(
                    new MatchedRow(RowKey.of(10L), "ann@example.com"), new MatchedRow(RowKey.of(11L), "bob@example.com"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anonymizesOnceAndNeverMatchesAnErasedRowAgain(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            TableMapping users = TableMapping.builder("users").subjectId("id")
                    .field("email", Strategy.hash()).field("name", Strategy.redact()).build();
            ExpiryQuery q = new ExpiryQuery("users", "created_at", CUTOFF, Condition.always(), users.erasedFields(),
                    null, null, 10);
            List<RowKey> keys = expired(store, q).stream().map(MatchedRow::key).toList();
            assertThat(keys).containsExactly(RowKey.of(1L), RowKey.of(2L));
            assertThat(anonymize(store, users, keys, HASHING)).isEqualTo(2);
            assertThat(expired(store, q)).isEmpty();
            assertThat(anonymize(store, users, keys, HASHING)).isZero();
            try (ReadView view = store.openReadView()) {
                List<Object[]> rows = all(view.scan("users"));
                assertThat((String) rows.get(0)[1]).startsWith("hmac:").hasSize(Strategy.Hash.OUTPUT_LENGTH)
                        .isEqualTo(Strategy.hash().apply("ann@example.com", HASHING));
                assertThat(rows.get(0)[2]).isEqualTo("[REDACTED]");
                assertThat(rows.get(2)[1]).isEqualTo("cid@example.com");
            }
            TableMapping constantOnly = TableMapping.builder("orders").field("note", Strategy.nulled()).build();
            assertThat(anonymize(store, constantOnly, List.of(RowKey.of(10L), RowKey.of(11L), RowKey.of(99L)), HASHING))
                    .isEqualTo(2);
            assertThat(anonymize(store, constantOnly, List.of(RowKey.of(10L)), HASHING)).isZero();
        }
    }

    /**
     * Values computed in Java (HASH needs the stored value) are written per batch in one statement; every row gets
     * exactly the value the strategy gives for it, over a composite key, NULLs, several statements per batch and
     * rows left out of the key list.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hashedValuesWrittenPerBatchAreThoseOfTheStrategyRowByRow(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            db.execute("CREATE TABLE contacts (region VARCHAR(10) NOT NULL, id INT NOT NULL, email VARCHAR(200), "
                    + "phone VARCHAR(40), label VARCHAR(60) NOT NULL, PRIMARY KEY (region, id))",
                    "CREATE TABLE visits (id BIGINT NOT NULL PRIMARY KEY, ip VARCHAR(60), seen TIMESTAMP)");
            List<String> inserts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String email = i % 7 == 0 ? "NULL" : "'person" + i + "@example.com'";
                inserts.add("INSERT INTO contacts VALUES ('" + (i % 2 == 0 ? "eu" : "us") + "', " + i + ", " + email
                        + ", '+49 " + i + "', 'l" + i + "')");
            }
            db.execute(inserts.toArray(String[]::new));
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).withBatchSize(128).build();
            TableMapping m = TableMapping.builder("contacts").field("email", Strategy.hash())
                    .field("phone", Strategy.redact()).field("label", Strategy.hash()).build();
            List<RowKey> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                if (i % 10 != 3) {
                    keys.add(RowKey.of(i % 2 == 0 ? "eu" : "us", i));
                }
            }
            assertThat(anonymize(store, m, keys, HASHING)).isEqualTo(keys.size());
            try (ReadView view = store.openReadView()) {
                List<Object[]> rows = all(view.scan("contacts"));
                assertThat(rows).hasSize(300);
                for (Object[] r : rows) {
                    int i = ((Number) r[1]).intValue();
                    String email = i % 7 == 0 ? null : "person" + i + "@example.com";
                    if (i % 10 == 3) {
                        assertThat(r).containsExactly(r[0], i, email, "+49 " + i, "l" + i);
                    } else {
                        assertThat(r[2]).isEqualTo(Strategy.hash().apply(email, HASHING));
                        assertThat(r[3]).isEqualTo("[REDACTED]");
                        assertThat(r[4]).isEqualTo(Strategy.hash().apply("l" + i, HASHING));
                    }
                }
            }
            // a timestamp among the columns: PostgreSQL joins a VALUES list instead of arrays
            db.execute("INSERT INTO visits VALUES (1, '10.0.0.1', TIMESTAMP '2024-01-01 10:00:00')",
                    "INSERT INTO visits VALUES (2, NULL, TIMESTAMP '2024-01-02 10:00:00')",
                    "INSERT INTO visits VALUES (3, '10.0.0.3', NULL)");
            TableMapping visits = TableMapping.builder("visits").field("ip", Strategy.hash())
                    .field("seen", Strategy.nulled()).build();
            assertThat(anonymize(store, visits, List.of(RowKey.of(1L), RowKey.of(2L), RowKey.of(3L)), HASHING)).isEqualTo(3);
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("visits"))).extracting(r -> r[1], r -> r[2]).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Strategy.hash().apply("10.0.0.1", HASHING), null),
                        org.assertj.core.groups.Tuple.tuple(null, null),
                        org.assertj.core.groups.Tuple.tuple(Strategy.hash().apply("10.0.0.3", HASHING), null));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nullOnANotNullColumnFailsAndChangesNothing(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            TableMapping users = TableMapping.builder("users").field("name", Strategy.nulled()).build();
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.anonymize(users, List.of(RowKey.of(1L)), HASHING)))
                    .isInstanceOf(StorageException.class).hasMessageContainingAll(".", "NOT NULL")
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("users.name"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteBlockedByForeignKeyNamesConstraintAndTableAndRollsBack(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.delete("users", List.of(RowKey.of(1L)))))
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase())
                            .contains("fk_orders_user", "table orders").doesNotContain("ann@"));
            assertThat(delete(store, "items", List.of(RowKey.of(100L), RowKey.of(101L), RowKey.of(7L))))
                    .isEqualTo(2);
            int both = store.inTransaction(tx -> tx.delete("orders", List.of(RowKey.of(10L)))
                    + tx.delete("users", List.of(RowKey.of(1L), RowKey.of(3L))));
            assertThat(both).isEqualTo(3);
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("users"))).extracting(r -> r[0]).containsExactly(2L, 4L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void transactionRollsBackWhenWorkThrows(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.delete("items", List.of(RowKey.of(100L)));
                tx.scan("users").next(); // a cursor left open: closed with the transaction
                throw new IllegalStateException("boom");
            })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
            Object[] firstUser = store.inTransaction(tx -> tx.scan("users").next());
            assertThat(firstUser[0]).isEqualTo(1L);
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("items"))).hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void findsSubjectRowsByIdEmailAndPath(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createShop(db);
            JdbcDataStore store = store(db);
            TableMapping byId = TableMapping.builder("orders").subjectId("user_id").field("note", Strategy.nulled()).build();
            TableMapping byEmail = TableMapping.builder("users").subjectEmail("email").field("name", Strategy.redact()).build();
            TableMapping byPath = TableMapping.builder("items").subject(SubjectLink.path(List.of(
                    Join.to("order_id", "orders", "id"), Join.to("user_id", "users", "id")), SubjectLink.email("email")))
                    .field("label", Strategy.nulled()).build();
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.subjectRows(byId, SubjectRef.ofId(2)))).extracting(r -> r[0]).containsExactly(11L);
                assertThat(all(view.subjectRows(byEmail, SubjectRef.ofEmail("ann@example.com")))).extracting(r -> r[0])
                        .containsExactly(1L);
                assertThat(all(view.subjectRows(byPath, SubjectRef.ofEmail("bob@example.com")))).extracting(r -> r[0])
                        .containsExactly(101L);
                assertThat(all(view.subjectRows(byEmail, SubjectRef.ofId(1)))).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hostileIdentifiersAndSubjectValuesStayNamesAndValues(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            DatabaseProduct p = DatabaseProduct.detect(db.dataSource());
            String table = "x\"; DROP TABLE victim; --";
            String column = "c`); DELETE FROM victim; --";
            db.execute("CREATE TABLE victim (id INT PRIMARY KEY)", "INSERT INTO victim VALUES (1)",
                    "CREATE TABLE " + p.quote(table) + " (id INT NOT NULL PRIMARY KEY, " + p.quote(column)
                            + " VARCHAR(100), owner VARCHAR(100), created DATE)",
                    "INSERT INTO " + p.quote(table) + " VALUES (1, 'a', '1 OR 1=1', DATE '2020-01-01')",
                    "INSERT INTO " + p.quote(table) + " VALUES (2, 'b', '2', DATE '2020-01-01')");
            JdbcDataStore store = store(db);
            assertThat(store.describe().table(table)).isPresent();
            TableMapping m = TableMapping.builder(table).subjectId("owner").field(column, Strategy.redact("x' OR '1'='1")).build();
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.subjectRows(m, SubjectRef.ofId("1 OR 1=1")))).extracting(r -> r[0]).containsExactly(1);
                assertThat(all(view.subjectRows(m, SubjectRef.ofId("2' OR '1'='1")))).isEmpty();
                assertThat(all(view.scan(table))).hasSize(2);
            }
            TableMapping intLinked = TableMapping.builder(table).subjectId("id").field(column, Strategy.nulled()).build();
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.subjectRows(intLinked, SubjectRef.ofId("1 OR 1=1")))).isEmpty();
            }
            assertThat(anonymize(store, m, List.of(RowKey.of(1)), HASHING)).isEqualTo(1);
            ExpiryQuery q = new ExpiryQuery(table, "created", CUTOFF, Condition.in("owner", "1 OR 1=1"), m.erasedFields(),
                    SubjectLink.id("owner"), null, 10);
            assertThat(expired(store, q)).isEmpty();
            assertThat(delete(store, table, List.of(RowKey.of(2)))).isEqualTo(1);
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("victim"))).hasSize(1);
                assertThat(all(view.scan(table))).singleElement().satisfies(r -> assertThat(r[1]).isEqualTo("x' OR '1'='1"));
            }
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.scan("nope\"; DROP TABLE victim")))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.findExpired(new ExpiryQuery(table, "created", CUTOFF,
                    Condition.isTrue("x) OR (1=1"), List.of(), null, null, 10))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void loadsParentsFirstRefusesNonEmptyReplacesAndRollsBackOnFailure(TestDatabase kind) {
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            createShop(source);
            createShop(target);
            target.execute("DELETE FROM items", "DELETE FROM orders", "DELETE FROM users");
            JdbcDataStore from = store(source);
            JdbcDataStore to = store(target);
            List<String> order = from.describe().parentsFirst(List.of("items", "orders", "users"));
            Map<String, Long> loaded;
            try (ReadView view = from.openReadView()) {
                loaded = to.load(order, view::scan, LoadMode.REFUSE_NON_EMPTY);
            }
            assertThat(loaded.values()).containsExactly(4L, 2L, 2L);
            assertThatThrownBy(() -> {
                try (ReadView view = from.openReadView()) {
                    to.load(order, view::scan, LoadMode.REFUSE_NON_EMPTY);
                }
            }).isInstanceOf(StorageException.class).hasMessageContaining("not empty");
            try (ReadView view = from.openReadView()) {
                assertThat(to.load(order, view::scan, LoadMode.REPLACE).values()).containsExactly(4L, 2L, 2L);
            }
            List<Object[]> bad = List.<Object[]>of(new Object[] {1L, null}, new Object[] {1L, null});
            assertThatThrownBy(() -> to.load(List.of("items"), t -> RowCursor.of(List.of("id", "order_id"), bad.iterator()),
                    LoadMode.REPLACE)).isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("table items"));
            try (ReadView a = from.openReadView(); ReadView b = to.openReadView()) {
                for (String t : order) {
                    assertThat(all(b.scan(t))).usingRecursiveFieldByFieldElementComparator().isEqualTo(all(a.scan(t)));
                }
            }
            Iterator<Object[]> unknown = List.<Object[]>of(new Object[] {1L}).iterator();
            assertThatThrownBy(() -> to.load(List.of("items"), t -> RowCursor.of(List.of("nope"), unknown), LoadMode.REPLACE))
                    .isInstanceOf(StorageException.class).hasMessageContaining("nope");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void loadMovesGeneratedKeysPastLoadedValues(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            String idColumn = switch (kind) {
                case POSTGRES -> "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                case MARIADB -> "id BIGINT AUTO_INCREMENT PRIMARY KEY";
                case H2 -> "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
            };
            db.execute("CREATE TABLE notes (" + idColumn + ", body VARCHAR(50))");
            JdbcDataStore store = store(db);
            assertThat(store.describe().require("notes").column("id").orElseThrow().autoIncrement()).isTrue();
            List<Object[]> rows = List.of(new Object[] {41L, "a"}, new Object[] {42L, "b"});
            store.load(List.of("notes"), t -> RowCursor.of(List.of("id", "body"), rows.iterator()), LoadMode.REFUSE_NON_EMPTY);
            db.execute("INSERT INTO notes (body) VALUES ('c')");
            try (ReadView view = store.openReadView()) {
                assertThat(all(view.scan("notes"))).extracting(r -> r[0]).containsExactly(41L, 42L, 43L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void builderRejectsBadSettings(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            assertThatThrownBy(() -> JdbcDataStore.builder(db.dataSource()).withFetchSize(0))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("fetchSize");
            assertThatThrownBy(() -> JdbcDataStore.builder(db.dataSource()).withBatchSize(0))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("batchSize");
            assertThatThrownBy(() -> JdbcDataStore.builder(db.dataSource()).withSchema(" "))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("schema");
            assertThat(JdbcDataStore.builder(db.dataSource()).withSchema("no_such_schema").build().describe().tables()).isEmpty();
            db.execute("CREATE TABLE nokey (a INT)");
            JdbcDataStore store = store(db);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.delete("nokey", List.of(RowKey.of(1)))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("primary key")
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("nokey"));
        }
    }
}
