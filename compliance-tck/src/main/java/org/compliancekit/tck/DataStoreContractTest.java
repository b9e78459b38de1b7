package org.compliancekit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.compliancekit.StorageException;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.Condition;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.StoreTransaction;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DataStore} promises, pinned once. An implementation's test extends this class and
 * creates an empty store holding the tables of {@link ContractSchema#schema()}; every test loads its own rows.
 */
public abstract class DataStoreContractTest {

    /** A new store whose database holds exactly the (empty) tables of {@code ContractSchema.schema()}. */
    protected abstract DataStore createStore();

    /** Releases what {@link #createStore()} made (drop the database); called after each test. */
    protected void destroyStore() {
    }

    /**
     * Whether the store's read views hand out {@linkplain ReadView#openSibling() siblings} on their snapshot; a
     * store that does overrides this to return true, and the contract then checks they see that snapshot.
     */
    protected boolean sharesSnapshots() {
        return false;
    }

    protected static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 12, 0, 0);
    protected static final Instant NOW_INSTANT = NOW.toInstant(ZoneOffset.UTC);
    private static final ErasureContext CONTEXT = ErasureContext.withHashSecret("contract-secret-0123456789".getBytes());

    private static final TableMapping USERS_MAP = TableMapping.builder("users").primaryKey("id").subjectId("id")
            .field("email", Strategy.hash()).field("name", Strategy.redact()).field("phone", Strategy.nulled())
            .keep("created_at", "account age for fraud checks").build();
    private static final TableMapping ORDERS_MAP = TableMapping.builder("orders").primaryKey("id").subjectId("user_id")
            .field("shipping_address", Strategy.redact("[gone]")).keep("amount", "bookkeeping law: 5 years").build();
    private static final TableMapping ITEMS_MAP = TableMapping.builder("order_items").primaryKey("id")
            .subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")), SubjectLink.id("user_id")))
            .field("gift_message", Strategy.nulled()).build();
    private static final TableMapping CONTACTS_MAP = TableMapping.builder("contacts").primaryKey("id")
            .subjectEmail("email").field("email", Strategy.nulled()).field("message", Strategy.nulled()).deleteRow().build();

    protected DataStore store;

    @BeforeEach
    void createTheStore() {
        store = createStore();
    }

    @AfterEach
    void destroyTheStore() {
        destroyStore();
    }

    // ---------------------------------------------------------------- describe

    @Test
    void describesTablesColumnsAndKeys() {
        var schema = store.describe();
        for (TableSchema expected : ContractSchema.schema().tables()) {
            TableSchema actual = schema.table(expected.name()).orElseThrow(() -> new AssertionError("missing " + expected.name()));
            assertThat(actual.columnNames()).map(String::toLowerCase).containsExactlyElementsOf(expected.columnNames());
            assertThat(actual.primaryKey()).map(String::toLowerCase).containsExactlyElementsOf(expected.primaryKey());
            for (ColumnSchema c : expected.columns()) {
                ColumnSchema a = actual.column(c.name()).orElseThrow();
                assertThat(a.type()).as(expected.name() + "." + c.name()).isEqualTo(c.type());
                assertThat(a.nullable()).as("nullability of " + expected.name() + "." + c.name()).isEqualTo(c.nullable());
                if (c.type() == SqlType.TEXT) {
                    assertThat(a.size()).as("length of " + expected.name() + "." + c.name()).isEqualTo(c.size());
                }
            }
        }
        TableSchema orders = schema.require("orders");
        assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
            assertThat(fk.columns()).map(String::toLowerCase).containsExactly("user_id");
            assertThat(fk.referencedTable()).isEqualToIgnoringCase("users");
            assertThat(fk.referencedColumns()).map(String::toLowerCase).containsExactly("id");
        });
        assertThat(schema.parentsFirst(List.of("order_items", "orders", "users")))
                .map(String::toLowerCase).containsExactly("users", "orders", "order_items");
    }

    // ---------------------------------------------------------------- scan and views

    @Test
    void scanReturnsEveryRowInKeyOrderWithTypedValues() {
        loadUsers(3, 1, 2);
        try (ReadView view = store.openReadView(); RowCursor c = view.scan("users")) {
            assertThat(c.columns()).map(String::toLowerCase).containsExactly("id", "email", "name", "phone", "created_at");
            List<Object[]> rows = drain(c);
            assertThat(rows).extracting(r -> ((Number) r[0]).longValue()).containsExactly(1L, 2L, 3L);
            assertThat(rows.get(0)[1]).isEqualTo("user1@example.com");
            assertThat(rows.get(0)[3]).isNull();
            assertThat(rows.get(0)[4]).isEqualTo(NOW.minusDays(1));
        }
    }

    @Test
    void scanStreamsAThousandsOfRowsTable() {
        int n = 5_000;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(user(i));
        }
        load("users", userColumns(), rows);
        long count = 0;
        long last = 0;
        try (ReadView view = store.openReadView(); RowCursor c = view.scan("users")) {
            for (Object[] r = c.next(); r != null; r = c.next()) {
                long id = ((Number) r[0]).longValue();
                assertThat(id).isGreaterThan(last);
                last = id;
                count++;
            }
        }
        assertThat(count).isEqualTo(n);
    }

    @Test
    void readViewSeesTheStateWhenItWasOpened() {
        loadUsers(1, 2);
        try (ReadView view = store.openReadView()) {
            store.inTransaction(tx -> tx.delete("users", List.of(RowKey.of(2L))));
            assertThat(count(view, "users")).isEqualTo(2);
        }
        try (ReadView view = store.openReadView()) {
            assertThat(count(view, "users")).isEqualTo(1);
        }
    }

    @Test
    void siblingViewSeesItsViewsSnapshotWhileBothAreRead() throws Exception {
        loadUsers(1, 2, 3);
        try (ReadView view = store.openReadView()) {
            store.inTransaction(tx -> tx.delete("users", List.of(RowKey.of(3L)))); // after the view, before a sibling
            Optional<ReadView> sibling = view.openSibling();
            store.inTransaction(tx -> tx.delete("users", List.of(RowKey.of(2L))));
            assertThat(sibling.isPresent()).as("sibling views offered").isEqualTo(sharesSnapshots());
            if (sibling.isPresent()) {
                try (ReadView other = sibling.get(); RowCursor first = view.scan("users")) {
                    // both read at once, on two threads, and agree on the state when the view was opened
                    CompletableFuture<Long> fromSibling = CompletableFuture.supplyAsync(() -> count(other, "users"));
                    assertThat(first.next()).isNotNull();
                    assertThat(fromSibling.get()).isEqualTo(3);
                    assertThat(drain(first)).hasSize(2);
                }
            }
            assertThat(count(view, "users")).isEqualTo(3);
        }
        try (ReadView view = store.openReadView()) {
            assertThat(count(view, "users")).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- subject rows

    @Test
    void findsASubjectsRowsByIdByEmailAndAlongAJoinPath() {
        loadShop();
        try (ReadView view = store.openReadView()) {
            assertThat(ids(view.subjectRows(USERS_MAP, SubjectRef.ofId(1)))).containsExactly(1L);
            assertThat(ids(view.subjectRows(ORDERS_MAP, SubjectRef.ofId("1")))).containsExactly(10L, 11L);
            assertThat(ids(view.subjectRows(ITEMS_MAP, SubjectRef.ofId(1)))).containsExactly(100L, 101L, 110L);
            assertThat(ids(view.subjectRows(ITEMS_MAP, SubjectRef.ofId(2)))).containsExactly(120L);
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("user1@example.com")))).containsExactly(1000L);
            // A table linked by email is not searched with an id, and vice versa.
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofId(1)))).isEmpty();
            assertThat(ids(view.subjectRows(ORDERS_MAP, SubjectRef.ofEmail("user1@example.com")))).isEmpty();
        }
    }

    @Test
    void subjectValuesAreDataNeverSql() {
        loadShop();
        try (ReadView view = store.openReadView()) {
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("x' OR '1'='1")))).isEmpty();
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("x\"; DROP TABLE contacts; --")))).isEmpty();
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("%")))).isEmpty();
            assertThat(ids(view.subjectRows(USERS_MAP, SubjectRef.ofId("1 OR 1=1")))).isEmpty();
            assertThat(count(view, "contacts")).isEqualTo(3);
        }
    }

    @Test
    void subjectValuesMatchOnlyByTheDocumentedRules() {
        loadShop();
        try (ReadView view = store.openReadView()) {
            // Emails: surrounding whitespace and ASCII case are ignored, nothing else.
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail(" USER1@Example.COM\t")))).containsExactly(1000L);
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("ser1@example.com")))).isEmpty();
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("user_@example.com")))).isEmpty();
            assertThat(ids(view.subjectRows(CONTACTS_MAP, SubjectRef.ofEmail("user1@example.co")))).isEmpty();
            // Integer ids: ASCII digits in canonical form only.
            for (String loose : List.of("01", " 1", "1 ", "+1", "\u0661", "1.0", "0x1")) {
                assertThat(ids(view.subjectRows(USERS_MAP, SubjectRef.ofId(loose)))).as(loose).isEmpty();
                assertThat(ids(view.subjectRows(ITEMS_MAP, SubjectRef.ofId(loose)))).as(loose).isEmpty();
            }
            assertThat(ids(view.subjectRows(USERS_MAP, SubjectRef.ofId("3")))).containsExactly(3L);
        }
    }

    @Test
    void tableWithoutSubjectLinkYieldsNoSubjectRows() {
        loadShop();
        TableMapping unlinked = TableMapping.builder("coupon_usage").primaryKey("coupon", "user_id")
                .field("ip", Strategy.nulled()).build();
        try (ReadView view = store.openReadView()) {
            assertThat(drain(view.subjectRows(unlinked, SubjectRef.ofId(1)))).isEmpty();
        }
    }

    // ---------------------------------------------------------------- expiry

    @Test
    void expiryIncludesRowsExactlyAtTheCutoffAndExcludesLaterAndNullOnes() {
        loadUsers(1);
        List<Object[]> contacts = new ArrayList<>();
        contacts.add(contact(1, "a@example.com", NOW.minusDays(90).minusSeconds(1), true));
        contacts.add(contact(2, "b@example.com", NOW.minusDays(90), true));
        contacts.add(contact(3, "c@example.com", NOW.minusDays(90).plusSeconds(1), true));
        contacts.add(contact(4, "d@example.com", null, true));
        load("contacts", contactColumns(), contacts);
        Instant cutoff = NOW_INSTANT.minus(java.time.Duration.ofDays(90));
        assertThat(keys(expiry("contacts", "created_at", cutoff, Condition.always(), List.of(), 100)))
                .containsExactly(1L, 2L);
    }

    @Test
    void expiryAppliesEveryConditionKind() {
        loadShop();
        Instant cutoff = NOW_INSTANT;
        assertThat(keys(expiry("orders", "status_changed_at", cutoff, Condition.in("status", "shipped", "refunded"), List.of(), 100)))
                .containsExactly(10L, 12L);
        assertThat(keys(expiry("contacts", "created_at", cutoff, Condition.isTrue("newsletter"), List.of(), 100)))
                .containsExactly(1000L);
        assertThat(keys(expiry("contacts", "created_at", cutoff, Condition.isFalse("newsletter"), List.of(), 100)))
                .containsExactly(1001L);
        assertThat(keys(expiry("contacts", "created_at", cutoff, Condition.isNull("newsletter"), List.of(), 100)))
                .containsExactly(1002L);
        assertThat(keys(expiry("contacts", "created_at", cutoff, Condition.isNotNull("newsletter"), List.of(), 100)))
                .containsExactly(1000L, 1001L);
        assertThat(keys(expiry("orders", "status_changed_at", cutoff,
                Condition.and(Condition.in("status", "shipped", "delivered"), Condition.isNotNull("shipping_address")), List.of(), 100)))
                .containsExactly(10L);
        assertThat(keys(expiry("orders", "status_changed_at", cutoff,
                Condition.or(Condition.in("status", "refunded"), Condition.isNull("shipping_address")), List.of(), 100)))
                .containsExactly(11L, 12L);
    }

    @Test
    void conditionValuesAreDataNeverSql() {
        loadShop();
        assertThat(expiry("orders", "status_changed_at", NOW_INSTANT, Condition.in("status", "x' OR '1'='1"), List.of(), 100))
                .isEmpty();
    }

    @Test
    void expiryPagesThroughKeysWithoutSkippingOrRepeating() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(new Object[] {"C" + (i % 3), (long) i, NOW.minusDays(100), null});
        }
        load("coupon_usage", List.of("coupon", "user_id", "used_at", "ip"), rows);
        List<RowKey> seen = new ArrayList<>();
        ExpiryQuery q = new ExpiryQuery("coupon_usage", "used_at", NOW_INSTANT, Condition.always(), List.of(), null, null, 3);
        List<Integer> pageSizes = new ArrayList<>();
        for (List<MatchedRow> page = findExpired(q); !page.isEmpty();
                page = findExpired(q = q.after(page.get(page.size() - 1).key()))) {
            pageSizes.add(page.size());
            page.forEach(m -> seen.add(m.key()));
        }
        assertThat(pageSizes).containsExactly(3, 3, 3, 1);
        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(RowKey::compareTo);
        assertThat(seen.get(0).values()).hasSize(2);
        assertThat(seen.get(0).values().get(0)).isEqualTo("C0");
    }

    @Test
    void expiryCarriesTheSubjectValueDirectlyAndAlongAJoinPath() {
        loadShop();
        List<MatchedRow> direct = findExpired(new ExpiryQuery("orders", "status_changed_at", NOW_INSTANT, Condition.always(),
                List.of(), ORDERS_MAP.subjectLink(), null, 100));
        assertThat(direct).extracting(m -> ((Number) m.subject()).longValue()).containsExactly(1L, 1L, 2L);
        SubjectLink viaUserEmail = SubjectLink.path(List.of(Join.to("user_id", "users", "id")), SubjectLink.email("email"));
        List<MatchedRow> path = findExpired(new ExpiryQuery("orders", "status_changed_at", NOW_INSTANT, Condition.always(),
                List.of(), viaUserEmail, null, 100));
        assertThat(path).extracting(MatchedRow::subject)
                .containsExactly("user1@example.com", "user1@example.com", "user2@example.com");
        List<MatchedRow> none = findExpired(new ExpiryQuery("orders", "status_changed_at", NOW_INSTANT, Condition.always(),
                List.of(), null, null, 100));
        assertThat(none).extracting(MatchedRow::subject).containsOnlyNulls();
    }

    @Test
    void anonymizedRowsAreNotSelectedAgain() {
        loadShop();
        ExpiryQuery q = new ExpiryQuery("orders", "status_changed_at", NOW_INSTANT, Condition.always(),
                ORDERS_MAP.erasedFields(), null, null, 100);
        List<RowKey> first = findExpired(q).stream().map(MatchedRow::key).toList();
        assertThat(first).extracting(k -> ((Number) k.values().get(0)).longValue())
                .containsExactly(10L, 12L); // order 11 has no shipping address: nothing to erase
        int changed = store.inTransaction(tx -> tx.anonymize(ORDERS_MAP, first, CONTEXT));
        assertThat(changed).isEqualTo(2);
        assertThat(findExpired(q)).isEmpty();
    }

    // ---------------------------------------------------------------- writes

    @Test
    void anonymizeAppliesEachStrategyAndKeepsTheRest() {
        loadShop();
        int changed = store.inTransaction(tx -> tx.anonymize(USERS_MAP, List.of(RowKey.of(1L), RowKey.of(2L)), CONTEXT));
        assertThat(changed).isEqualTo(2);
        Map<Long, Object[]> users = byId("users");
        Object[] u1 = users.get(1L);
        assertThat((String) u1[1]).startsWith(Strategy.Hash.PREFIX).hasSize(Strategy.Hash.OUTPUT_LENGTH);
        assertThat(u1[2]).isEqualTo("[REDACTED]");
        assertThat(u1[3]).isNull();
        assertThat(u1[4]).isEqualTo(NOW.minusDays(1));
        assertThat(users.get(2L)[1]).isNotEqualTo(u1[1]);
        assertThat(users.get(3L)[1]).isEqualTo("user3@example.com");
        // Same input and secret give the same hash: linkage survives.
        assertThat(u1[1]).isEqualTo(Strategy.hash().apply("user1@example.com", CONTEXT));
    }

    @Test
    void anonymizingTwiceChangesNothingTheSecondTime() {
        loadShop();
        List<RowKey> keys = List.of(RowKey.of(1L));
        store.inTransaction(tx -> tx.anonymize(USERS_MAP, keys, CONTEXT));
        Object[] once = byId("users").get(1L);
        int again = store.inTransaction(tx -> tx.anonymize(USERS_MAP, keys, CONTEXT));
        assertThat(again).isZero();
        assertThat(byId("users").get(1L)).containsExactly(once);
    }

    @Test
    void expireTakesAPageAskingTheHoldsAndChangesOnlyTheRowsNotHeld() {
        loadUsers(1, 2, 3, 4, 5);
        Instant cutoff = NOW_INSTANT.minus(java.time.Duration.ofDays(2)); // users 2..5 are at least two days old
        ExpiryQuery first = new ExpiryQuery("users", "created_at", cutoff, Condition.always(), USERS_MAP.erasedFields(),
                USERS_MAP.subjectLink(), null, 2);
        List<List<MatchedRow>> asked = new ArrayList<>();
        java.util.function.Function<List<MatchedRow>, java.util.Set<RowKey>> holdUser3 = page -> {
            asked.add(page);
            return java.util.Set.of(RowKey.of(3L));
        };

        List<ExpiredPage> pages = expireAll(first, RowAction.ANONYMIZE, USERS_MAP, holdUser3);

        assertThat(pages).containsExactly(new ExpiredPage(2, 1, 1, RowKey.of(3L)), new ExpiredPage(2, 0, 2, RowKey.of(5L)));
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).extracting(m -> ((Number) m.key().values().get(0)).longValue()).containsExactly(2L, 3L);
        assertThat(asked.get(0)).extracting(m -> ((Number) m.subject()).longValue()).containsExactly(2L, 3L);
        Map<Long, Object[]> users = byId("users");
        for (long id : List.of(2L, 4L, 5L)) {
            assertThat(users.get(id)[1]).isEqualTo(Strategy.hash().apply("user" + id + "@example.com", CONTEXT));
            assertThat(users.get(id)[2]).isEqualTo("[REDACTED]");
        }
        assertThat(users.get(1L)[1]).isEqualTo("user1@example.com");
        assertThat(users.get(3L)[1]).isEqualTo("user3@example.com");
        // the held row is found again by the next walk; told nothing can be held, that walk changes it
        assertThat(expireAll(first, RowAction.ANONYMIZE, USERS_MAP, holdUser3))
                .containsExactly(new ExpiredPage(1, 1, 0, RowKey.of(3L)));
        assertThat(expireAll(first, RowAction.ANONYMIZE, USERS_MAP, StoreTransaction.NOTHING_HELD))
                .containsExactly(new ExpiredPage(1, 0, 1, RowKey.of(3L)));
        assertThat(byId("users").get(3L)[2]).isEqualTo("[REDACTED]");
        assertThat(expireAll(first, RowAction.ANONYMIZE, USERS_MAP, StoreTransaction.NOTHING_HELD)).isEmpty();
    }

    @Test
    void expireWithOnlyConstantStrategiesHonoursTheHoldsToo() {
        loadShop();
        ExpiryQuery q = new ExpiryQuery("orders", "status_changed_at", NOW_INSTANT, Condition.always(),
                ORDERS_MAP.erasedFields(), ORDERS_MAP.subjectLink(), null, 5);

        // order 11 has no shipping address: nothing to erase, so it is not in the walk
        assertThat(expireAll(q, RowAction.ANONYMIZE, ORDERS_MAP, page -> java.util.Set.of(RowKey.of(12L))))
                .containsExactly(new ExpiredPage(2, 1, 1, RowKey.of(12L)));
        assertThat(byId("orders").get(10L)[4]).isEqualTo("[gone]");
        assertThat(byId("orders").get(12L)[4]).isNotEqualTo("[gone]").isNotNull();
        assertThat(expireAll(q, RowAction.ANONYMIZE, ORDERS_MAP, StoreTransaction.NOTHING_HELD))
                .containsExactly(new ExpiredPage(1, 0, 1, RowKey.of(12L)));
        assertThat(byId("orders").get(12L)[4]).isEqualTo("[gone]");
    }

    @Test
    void expireDeletesThePagesRowsThatAreNotHeld() {
        loadShop();
        ExpiryQuery q = new ExpiryQuery("contacts", "created_at", NOW_INSTANT, Condition.always(), List.of(), null, null, 2);

        List<ExpiredPage> pages = expireAll(q, RowAction.DELETE, null,
                page -> java.util.Set.of(RowKey.of(1001L)));

        assertThat(pages).containsExactly(new ExpiredPage(2, 1, 1, RowKey.of(1001L)),
                new ExpiredPage(1, 0, 1, RowKey.of(1002L)));
        assertThat(byId("contacts").keySet()).containsExactly(1001L);
    }

    /** Every page of {@code first}'s walk, each batch in a transaction of its own, as the retention engine runs it. */
    private List<ExpiredPage> expireAll(ExpiryQuery first, RowAction action, TableMapping mapping,
            java.util.function.Function<List<MatchedRow>, java.util.Set<RowKey>> holds) {
        List<ExpiredPage> pages = new ArrayList<>();
        ExpiryQuery q = first;
        for (int guard = 0; guard < 100; guard++) {
            ExpiryQuery current = q;
            ExpiredPage page = store.inTransaction(tx -> tx.expire(current, action, mapping, CONTEXT, holds));
            if (page.isEmpty()) {
                return pages;
            }
            pages.add(page);
            q = q.after(page.last());
        }
        throw new AssertionError("expire never reached the end of its walk: " + pages);
    }

    @Test
    void deleteRemovesRowsAndCountsOnlyExistingOnes() {
        loadShop();
        int deleted = store.inTransaction(tx -> tx.delete("contacts", List.of(RowKey.of(1000L), RowKey.of(1001L), RowKey.of(9999L))));
        assertThat(deleted).isEqualTo(2);
        assertThat(byId("contacts").keySet()).containsExactly(1002L);
    }

    @Test
    void deleteBlockedByAForeignKeyNamesTheReferencingTableAndChangesNothing() {
        loadShop();
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.delete("orders", List.of(RowKey.of(12L), RowKey.of(10L)))))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("order_items");
        assertThat(byId("orders")).containsKeys(10L, 12L);
    }

    @Test
    void aFailingTransactionLeavesNoTrace() {
        loadShop();
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.delete("contacts", List.of(RowKey.of(1000L)));
            tx.anonymize(USERS_MAP, List.of(RowKey.of(1L)), CONTEXT);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(byId("contacts")).containsKey(1000L);
        assertThat(byId("users").get(1L)[1]).isEqualTo("user1@example.com");
    }

    @Test
    void transactionsSeeTheirOwnWrites() {
        loadShop();
        long remaining = store.inTransaction(tx -> {
            tx.delete("contacts", List.of(RowKey.of(1000L)));
            return drain(tx.scan("contacts")).size();
        });
        assertThat(remaining).isEqualTo(2);
    }

    // ---------------------------------------------------------------- load

    @Test
    void loadRefusesNonEmptyTablesAndChangesNothing() {
        loadUsers(1);
        List<Object[]> more = new ArrayList<>();
        more.add(user(2));
        assertThatThrownBy(() -> load("users", userColumns(), more))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("users");
        assertThat(byId("users").keySet()).containsExactly(1L);
    }

    @Test
    void loadReplaceSwapsTheRowsChildrenFirst() {
        loadShop();
        Map<String, List<Object[]>> data = new LinkedHashMap<>();
        data.put("users", List.<Object[]>of(user(7)));
        data.put("orders", List.<Object[]>of(new Object[] {70L, 7L, "paid", NOW, "7 Road", new BigDecimal("7.00")}));
        data.put("order_items", List.of());
        Map<String, Long> loaded = store.load(List.of("users", "orders", "order_items"), source(data), LoadMode.REPLACE);
        assertThat(loaded.values()).containsExactly(1L, 1L, 0L);
        assertThat(byId("users").keySet()).containsExactly(7L);
        assertThat(byId("orders").keySet()).containsExactly(70L);
        assertThat(byId("order_items")).isEmpty();
        assertThat(byId("contacts")).hasSize(3);
    }

    @Test
    void aFailedLoadLeavesEveryTableAsItWas() {
        Map<String, List<Object[]>> data = new LinkedHashMap<>();
        data.put("users", List.<Object[]>of(user(1)));
        // The second table breaks NOT NULL on status: the whole load must roll back.
        data.put("orders", List.<Object[]>of(new Object[] {10L, 1L, null, NOW, null, BigDecimal.ONE}));
        assertThatThrownBy(() -> store.load(List.of("users", "orders"), source(data), LoadMode.REFUSE_NON_EMPTY))
                .isInstanceOf(StorageException.class);
        assertThat(byId("users")).isEmpty();
        assertThat(byId("orders")).isEmpty();
    }

    @Test
    void loadAcceptsColumnsInAnyOrderAndOmittedNullableColumns() {
        load("users", List.of("created_at", "email", "id"), List.<Object[]>of(new Object[] {NOW, "z@example.com", 5L}));
        Object[] row = byId("users").get(5L);
        assertThat(row[1]).isEqualTo("z@example.com");
        assertThat(row[2]).isNull();
        assertThat(row[4]).isEqualTo(NOW);
    }

    @Test
    void loadKeepsDecimalsAndBooleansExact() {
        loadShop();
        Object[] order = byId("orders").get(10L);
        assertThat((BigDecimal) order[5]).isEqualByComparingTo("1234.50");
        assertThat(byId("contacts").get(1000L)[3]).isEqualTo(Boolean.TRUE);
    }

    // ---------------------------------------------------------------- fixtures

    /** users 1-3, orders 10-12, items, three contacts, no coupons. */
    protected void loadShop() {
        loadUsers(1, 2, 3);
        load("orders", List.of("id", "user_id", "status", "status_changed_at", "shipping_address", "amount"), List.of(
                new Object[] {10L, 1L, "shipped", NOW.minusDays(40), "1 Main St", new BigDecimal("1234.50")},
                new Object[] {11L, 1L, "delivered", NOW.minusDays(40), null, new BigDecimal("10.00")},
                new Object[] {12L, 2L, "refunded", NOW.minusDays(5), "2 High St", new BigDecimal("99.99")}));
        load("order_items", List.of("id", "order_id", "product", "gift_message"), List.of(
                new Object[] {100L, 10L, "book", "happy birthday"},
                new Object[] {101L, 10L, "pen", null},
                new Object[] {110L, 11L, "lamp", "for you"},
                new Object[] {120L, 12L, "desk", null}));
        load("contacts", contactColumns(), List.of(
                contact(1000, "user1@example.com", NOW.minusDays(200), true),
                contact(1001, "x@example.com", NOW.minusDays(200), false),
                contact(1002, "y@example.com", NOW.minusDays(200), null)));
    }

    protected void loadUsers(long... ids) {
        List<Object[]> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(user(id));
        }
        load("users", userColumns(), rows);
    }

    private static List<String> userColumns() {
        return List.of("id", "email", "name", "phone", "created_at");
    }

    private static Object[] user(long id) {
        return new Object[] {id, "user" + id + "@example.com", "User " + id, null, NOW.minusDays(id)};
    }

    private static List<String> contactColumns() {
        return List.of("id", "email", "message", "newsletter", "created_at");
    }

    private static Object[] contact(long id, String email, LocalDateTime created, Boolean newsletter) {
        return new Object[] {id, email, "hello from " + id, newsletter, created};
    }

    /** Loads {@code rows} into one empty table. */
    protected void load(String table, List<String> columns, List<Object[]> rows) {
        store.load(List.of(table), t -> RowCursor.of(columns, rows.iterator()), LoadMode.REFUSE_NON_EMPTY);
    }

    private static DataStore.LoadSource source(Map<String, List<Object[]>> data) {
        return table -> {
            String key = data.keySet().stream().filter(k -> k.equalsIgnoreCase(table)).findFirst().orElseThrow();
            List<String> cols = switch (key) {
                case "users" -> userColumns();
                case "orders" -> List.of("id", "user_id", "status", "status_changed_at", "shipping_address", "amount");
                default -> List.of("id", "order_id", "product", "gift_message");
            };
            return RowCursor.of(cols, data.get(key).iterator());
        };
    }

    private List<MatchedRow> expiry(String table, String column, Instant cutoff, Condition c, List<PiiField> pending, int limit) {
        return findExpired(new ExpiryQuery(table, column, cutoff, c, pending, null, null, limit));
    }

    private List<MatchedRow> findExpired(ExpiryQuery q) {
        try (ReadView view = store.openReadView()) {
            return view.findExpired(q);
        }
    }

    private static List<Long> keys(List<MatchedRow> rows) {
        return rows.stream().map(m -> ((Number) m.key().values().get(0)).longValue()).toList();
    }

    private static List<Long> ids(RowCursor cursor) {
        return drain(cursor).stream().map(r -> ((Number) r[0]).longValue()).toList();
    }

    private Map<Long, Object[]> byId(String table) {
        Map<Long, Object[]> out = new LinkedHashMap<>();
        try (ReadView view = store.openReadView()) {
            for (Object[] r : drain(view.scan(table))) {
                out.put(((Number) r[0]).longValue(), r);
            }
        }
        return out;
    }

    private static long count(ReadView view, String table) {
        return drain(view.scan(table)).size();
    }

    /** Reads a cursor to the end and closes it. */
    protected static List<Object[]> drain(RowCursor cursor) {
        List<Object[]> out = new ArrayList<>();
        try (cursor) {
            for (Object[] r = cursor.next(); r != null; r = cursor.next()) {
                out.add(Arrays.copyOf(r, r.length));
            }
        }
        return out;
    }
}
