package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.compliancekit.StorageException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.Condition;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.StoreTransaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A retention batch ({@link StoreTransaction#expire}) on each real database: the JDBC store's own way of doing it
 * changes the same rows to the same values, counts the same and continues from the same key as the three separate
 * calls the SPI defines it by, in fewer statements.
 */
class ExpireBatchTest {
    private static final ErasureContext HASHING = ErasureContext.withHashSecret("0123456789abcdef0123".getBytes());
    private static final Instant CUTOFF = Instant.parse("2024-06-01T00:00:00Z");
    private static final int ROWS = 300;

    private static void createContacts(TestDatabase.Fresh db, String table) {
        db.execute("CREATE TABLE " + table + " (region VARCHAR(10) NOT NULL, id INT NOT NULL, user_id BIGINT, "
                + "email VARCHAR(200), phone VARCHAR(40), label VARCHAR(80) NOT NULL, created_at TIMESTAMP, "
                + "PRIMARY KEY (region, id))");
        List<String> inserts = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String email = i % 7 == 0 ? "NULL" : "'person" + i + "@example.com'";
            // every 11th row is already erased; every 13th is too young; every 17th has no timestamp
            String label = i % 11 == 0 ? "'" + Strategy.hash().apply("l" + i, HASHING) + "'" : "'l" + i + "'";
            String phone = i % 11 == 0 ? "'[REDACTED]'" : "'+49 " + i + "'";
            if (i % 11 == 0 && i % 7 != 0) {
                email = "'" + Strategy.hash().apply("person" + i + "@example.com", HASHING) + "'";
            }
            String created = i % 17 == 0 ? "NULL" : i % 13 == 0 ? "TIMESTAMP '2024-07-01 00:00:00'"
                    : "TIMESTAMP '2024-01-01 00:00:00'";
            inserts.add("INSERT INTO " + table + " VALUES ('" + (i % 2 == 0 ? "eu" : "us") + "', " + i + ", "
                    + (i % 5) + ", " + email + ", " + phone + ", " + label + ", " + created + ")");
        }
        db.execute(inserts.toArray(String[]::new));
    }

    private static TableMapping mapping(String table) {
        return TableMapping.builder(table).subjectId("user_id").field("email", Strategy.hash())
                .field("phone", Strategy.redact()).field("label", Strategy.hash()).build();
    }

    private static ExpiryQuery query(TableMapping m, int limit) {
        return query(m, limit, Condition.always());
    }

    private static ExpiryQuery query(TableMapping m, int limit, Condition condition) {
        return new ExpiryQuery(m.table(), "created_at", CUTOFF, condition, m.erasedFields(), m.subjectLink(), null,
                limit);
    }

    /** Holds subject 3 and every row whose id ends in 3 (or nothing); counts how often it was asked. */
    private static final class Holds implements Function<List<MatchedRow>, Set<RowKey>> {
        final AtomicInteger calls = new AtomicInteger();
        private final boolean any;

        Holds() {
            this(true);
        }

        private Holds(boolean any) {
            this.any = any;
        }

        static Holds none() {
            return new Holds(false);
        }

        @Override
        public Set<RowKey> apply(List<MatchedRow> page) {
            calls.incrementAndGet();
            return page.stream().filter(r -> any && (Long.valueOf(3).equals(r.subject())
                    || ((Number) r.key().values().get(1)).intValue() % 10 == 3)).map(MatchedRow::key)
                    .collect(Collectors.toSet());
        }
    }

    /** Walks every page of {@code m}'s query, each in a transaction of its own, as the retention engine does. */
    private static List<ExpiredPage> walk(JdbcDataStore store, TableMapping m,
            Function<List<MatchedRow>, Set<RowKey>> holds, boolean viaDefault) {
        return walk(store, query(m, 64), m, holds, viaDefault);
    }

    private static List<ExpiredPage> walk(JdbcDataStore store, ExpiryQuery first, TableMapping m,
            Function<List<MatchedRow>, Set<RowKey>> holds, boolean viaDefault) {
        List<ExpiredPage> pages = new ArrayList<>();
        ExpiryQuery q = first;
        while (true) {
            ExpiryQuery current = q;
            ExpiredPage page = store.inTransaction(tx -> (viaDefault ? threeCalls(tx) : tx)
                    .expire(current, RowAction.ANONYMIZE, m, HASHING, holds));
            if (page.isEmpty()) {
                return pages;
            }
            pages.add(page);
            q = q.after(page.last());
        }
    }

    /** The transaction seen only through the SPI's three calls: {@code expire} is the interface's default. */
    private static StoreTransaction threeCalls(StoreTransaction tx) {
        return new StoreTransaction() {
            @Override
            public RowCursor scan(String table) {
                return tx.scan(table);
            }

            @Override
            public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
                return tx.subjectRows(mapping, subject);
            }

            @Override
            public List<MatchedRow> findExpired(ExpiryQuery query) {
                return tx.findExpired(query);
            }

            @Override
            public int anonymize(TableMapping mapping, List<RowKey> keys, ErasureContext context) {
                return tx.anonymize(mapping, keys, context);
            }

            @Override
            public int delete(String table, List<RowKey> keys) {
                return tx.delete(table, keys);
            }
        };
    }

    private static List<List<Object>> rows(JdbcDataStore store, String table) {
        try (ReadView view = store.openReadView(); RowCursor c = view.scan(table)) {
            List<List<Object>> out = new ArrayList<>();
            for (Object[] r = c.next(); r != null; r = c.next()) {
                out.add(java.util.Arrays.asList(r));
            }
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hashingBatchesChangeCountAndContinueExactlyAsTheThreeCalls(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createContacts(db, "contacts_a");
            createContacts(db, "contacts_b");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            Holds fastHolds = new Holds();
            Holds plainHolds = new Holds();

            List<ExpiredPage> fast = walk(store, mapping("contacts_a"), fastHolds, false);
            List<ExpiredPage> plain = walk(store, mapping("contacts_b"), plainHolds, true);

            assertThat(fast).isEqualTo(plain);
            assertThat(fastHolds.calls.get()).isEqualTo(plainHolds.calls.get()).isEqualTo(fast.size());
            assertThat(rows(store, "contacts_a")).isEqualTo(rows(store, "contacts_b"));
            long expected = java.util.stream.IntStream.range(0, ROWS)
                    .filter(i -> i % 11 != 0 && i % 13 != 0 && i % 17 != 0).count();
            long held = java.util.stream.IntStream.range(0, ROWS)
                    .filter(i -> i % 11 != 0 && i % 13 != 0 && i % 17 != 0 && (i % 5 == 3 || i % 10 == 3)).count();
            assertThat(fast.stream().mapToLong(ExpiredPage::found).sum()).isEqualTo(expected);
            assertThat(fast.stream().mapToLong(ExpiredPage::held).sum()).isEqualTo(held);
            assertThat(fast.stream().mapToLong(ExpiredPage::changed).sum()).isEqualTo(expected - held);
            for (List<Object> r : rows(store, "contacts_a")) {
                int i = ((Number) r.get(1)).intValue();
                boolean erased = i % 11 != 0 && i % 13 != 0 && i % 17 != 0 && i % 5 != 3 && i % 10 != 3;
                if (erased) {
                    String email = i % 7 == 0 ? null : "person" + i + "@example.com";
                    assertThat(r.subList(3, 6)).containsExactly(Strategy.hash().apply(email, HASHING), "[REDACTED]",
                            Strategy.hash().apply("l" + i, HASHING));
                } else if (i % 11 != 0) {
                    assertThat(r.get(5)).isEqualTo("l" + i);
                }
            }
            // a second walk finds only the held rows again, and changes nothing
            List<ExpiredPage> again = walk(store, mapping("contacts_a"), new Holds(), false);
            assertThat(again.stream().mapToLong(ExpiredPage::found).sum()).isEqualTo(held);
            assertThat(again.stream().mapToLong(ExpiredPage::changed).sum()).isZero();
        }
    }

    private static TableMapping constants(String table) {
        return TableMapping.builder(table).subjectId("user_id").field("email", Strategy.nulled())
                .field("phone", Strategy.redact()).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void constantBatchesChangeCountAndContinueExactlyAsTheThreeCallsWithAndWithoutHeldRows(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            for (String table : List.of("contacts_a", "contacts_b", "contacts_c", "contacts_d", "contacts_e")) {
                createContacts(db, table);
            }
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            Holds fastHolds = new Holds();

            List<ExpiredPage> fast = walk(store, constants("contacts_a"), fastHolds, false);
            List<ExpiredPage> plain = walk(store, constants("contacts_b"), new Holds(), true);

            assertThat(fast).isEqualTo(plain);
            assertThat(fast).anyMatch(p -> p.held() > 0);
            assertThat(rows(store, "contacts_a")).isEqualTo(rows(store, "contacts_b"));
            long changed = fast.stream().mapToLong(ExpiredPage::changed).sum();
            assertThat(changed).isEqualTo(fast.stream().mapToLong(p -> p.found() - p.held()).sum()).isPositive();
            // without any hold, the same walk on fresh copies; told that nothing can be held, the same pages
            Holds none = Holds.none();
            assertThat(walk(store, constants("contacts_c"), none, false))
                    .isEqualTo(walk(store, constants("contacts_d"), none, true))
                    .isEqualTo(walk(store, constants("contacts_e"), StoreTransaction.NOTHING_HELD, false));
            assertThat(rows(store, "contacts_e")).isEqualTo(rows(store, "contacts_d"));
            assertThat(rows(store, "contacts_c")).isEqualTo(rows(store, "contacts_d"));
            assertThat(rows(store, "contacts_c")).allMatch(r -> ((Number) r.get(1)).intValue() % 13 == 0
                    || ((Number) r.get(1)).intValue() % 17 == 0 || r.get(3) == null && "[REDACTED]".equals(r.get(4)));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void constantBatchesLeaveRowsOutsideTheConditionBetweenAPagesKeysAlone(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            for (String table : List.of("contacts_a", "contacts_b", "contacts_c")) {
                createContacts(db, table);
            }
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            // only "us" rows match; every "eu" row sorts before the first page's last key, inside its key range
            Condition us = Condition.in("region", "us");

            List<ExpiredPage> fast = walk(store, query(constants("contacts_a"), 16, us), constants("contacts_a"),
                    Holds.none(), false);
            List<ExpiredPage> plain = walk(store, query(constants("contacts_b"), 16, us), constants("contacts_b"),
                    Holds.none(), true);

            assertThat(fast).isEqualTo(plain).hasSizeGreaterThan(2);
            assertThat(walk(store, query(constants("contacts_c"), 16, us), constants("contacts_c"),
                    StoreTransaction.NOTHING_HELD, false)).isEqualTo(plain);
            assertThat(rows(store, "contacts_c")).isEqualTo(rows(store, "contacts_b"));
            assertThat(rows(store, "contacts_a")).isEqualTo(rows(store, "contacts_b"));
            assertThat(rows(store, "contacts_a")).filteredOn(r -> "eu".equals(r.get(0)))
                    .allMatch(r -> !"[REDACTED]".equals(r.get(4)) || ((Number) r.get(1)).intValue() % 11 == 0);
        }
    }

    /** Walks a fresh contacts table with {@code m}, holding nothing; the pages, and how many statements it took. */
    private record Counted(List<ExpiredPage> pages, int statements) {
        static Counted walking(TestDatabase kind, TableMapping m) {
            try (TestDatabase.Fresh db = kind.fresh()) {
                createContacts(db, m.table());
                AtomicInteger statements = new AtomicInteger();
                JdbcDataStore store = JdbcDataStore.builder(counting(db.dataSource(), statements)).build();
                store.describe();
                statements.set(0);
                List<ExpiredPage> pages = walk(store, m, StoreTransaction.NOTHING_HELD, false);
                return new Counted(pages, statements.get());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConstantBatchWithoutHeldRowsIsOneStatementOnPostgres(TestDatabase kind) {
        Counted walk = Counted.walking(kind, constants("contacts"));

        assertThat(walk.pages()).hasSizeGreaterThan(2);
        // PostgreSQL: one statement finds and updates each page; elsewhere a SELECT and an UPDATE; then the SELECT
        // that finds no more rows
        int perPage = kind == TestDatabase.POSTGRES ? 1 : 2;
        assertThat(walk.statements()).isEqualTo(perPage * walk.pages().size() + 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aHashingBatchIsOneLockingSelectAndOneUpdate(TestDatabase kind) {
        Counted walk = Counted.walking(kind, mapping("contacts"));

        assertThat(walk.pages()).hasSizeGreaterThan(2);
        // every page: the locking SELECT and one UPDATE; then the SELECT that finds no more rows
        assertThat(walk.statements()).isEqualTo(2 * walk.pages().size() + 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aValueANotNullColumnCannotTakeFailsTheBatchAndChangesNothing(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            createContacts(db, "contacts");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            TableMapping m = TableMapping.builder("contacts").field("email", Strategy.hash())
                    .field("label", Strategy.nulled()).build();
            List<List<Object>> before = rows(store, "contacts");

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.expire(query(m, 64), RowAction.ANONYMIZE, m, HASHING,
                    page -> Set.of())))
                    .isInstanceOf(StorageException.class).hasMessageContaining("NOT NULL")
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("contacts.label")
                            .doesNotContain("example.com"));
            assertThat(rows(store, "contacts")).isEqualTo(before);
        }
    }

    /** Counts the statements prepared or created on the data source's connections. */
    private static DataSource counting(DataSource ds, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(ExpireBatchTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                    Object r = invoke(ds, m, args);
                    return r instanceof Connection c ? countingConnection(c, statements) : r;
                });
    }

    private static Connection countingConnection(Connection c, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(ExpireBatchTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                    if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    return invoke(c, m, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
