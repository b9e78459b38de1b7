package org.compliancekit.subject;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * A small shop for subject-rights tests: users, their orders, order items (one hop away from the subject), notes on
 * items (two hops away), sessions (deleted on erasure) and newsletter leads linked by email address.
 */
final class Shop {
    static final List<String> TABLES = List.of("users", "orders", "order_items", "item_notes", "sessions", "leads");

    private Shop() {
    }

    static SchemaDescription schema() {
        return schema(false);
    }

    /** With {@code phoneRequired}, users.phone is NOT NULL, so nulling it fails (to break an erasure on purpose). */
    static SchemaDescription schema(boolean phoneRequired) {
        return SchemaDescription.of(
                new TableSchema("users", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.text("email", 200, false),
                        ColumnSchema.text("name", 200, true),
                        ColumnSchema.text("phone", 50, !phoneRequired),
                        ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of()),
                new TableSchema("orders", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("user_id", SqlType.BIGINT, false),
                        ColumnSchema.text("shipping_address", 500, true),
                        ColumnSchema.of("amount", SqlType.DECIMAL, false)), List.of("id"),
                        List.of(new ForeignKey("fk_orders_user", List.of("user_id"), "users", List.of("id")))),
                new TableSchema("order_items", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("order_id", SqlType.BIGINT, false),
                        ColumnSchema.text("sku", 40, false),
                        ColumnSchema.text("gift_message", 500, true)), List.of("id"),
                        List.of(new ForeignKey("fk_items_order", List.of("order_id"), "orders", List.of("id")))),
                new TableSchema("item_notes", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("item_id", SqlType.BIGINT, false),
                        ColumnSchema.text("note", 500, true)), List.of("id"),
                        List.of(new ForeignKey("fk_notes_item", List.of("item_id"), "order_items", List.of("id")))),
                new TableSchema("sessions", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.of("user_id", SqlType.BIGINT, false),
                        ColumnSchema.text("ip", 45, true)), List.of("id"),
                        List.of(new ForeignKey("fk_sessions_user", List.of("user_id"), "users", List.of("id")))),
                new TableSchema("leads", List.of(
                        ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.text("email", 200, false),
                        ColumnSchema.text("source", 50, true)), List.of("id"), List.of()));
    }

    static PiiMap map() {
        return PiiMap.builder()
                .table("users", t -> t.subjectId("id").field("email", Strategy.hash()).field("name", Strategy.redact())
                        .field("phone", Strategy.nulled()).purpose("customer account")
                        .categories("contact details", "identity"))
                .table("orders", t -> t.subjectId("user_id").field("shipping_address", Strategy.redact())
                        .keep("amount", "bookkeeping law: 10 years").purpose("order fulfilment")
                        .categories("purchase history"))
                .table("order_items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")),
                        SubjectLink.id("user_id"))).field("gift_message", Strategy.nulled()).purpose("order fulfilment"))
                .table("item_notes", t -> t.subject(SubjectLink.path(List.of(Join.to("item_id", "order_items", "id"),
                        Join.to("order_id", "orders", "id")), SubjectLink.id("user_id")))
                        .field("note", Strategy.redact()).purpose("customer service"))
                .table("sessions", t -> t.subjectId("user_id").field("ip", Strategy.nulled()).deleteRow()
                        .purpose("security"))
                .table("leads", t -> t.subjectEmail("email").field("email", Strategy.nulled()).deleteRow()
                        .purpose("newsletter").categories("contact details"))
                .processor("Stripe", "card payments", List.of("email", "billing address"), DpaStatus.SIGNED,
                        "USA (EU SCCs)")
                .processor("Mailchimp", "newsletter", List.of("email"), DpaStatus.PENDING, "USA (DPF)")
                .build();
    }

    static List<RetentionRule> rules() {
        return List.of(RetentionRule.anonymize("users").named("users-anonymize").afterDays(3650)
                .countingFrom("created_at").build());
    }

    static String email(long user) {
        return "user" + user + "@example.com";
    }

    static String phone(long user) {
        return "+49 151 " + (1000000 + user);
    }

    static String address(long user) {
        return user + " Main Street, Springfield";
    }

    /**
     * A store with {@code users} subjects. User {@code u} has {@code u % 3 + 1} orders, each with two items, each
     * item one note, {@code u % 2 + 1} sessions and, for even users, a lead row. Ids of every table overlap the
     * user ids on purpose, so a join that compared the wrong columns would pick up other subjects' rows.
     */
    static InMemoryDataStore store(int users) {
        return fill(new InMemoryDataStore(schema()), users);
    }

    static InMemoryDataStore fill(InMemoryDataStore store, int users) {
        load(store, users, true);
        return store;
    }

    /**
     * A store with {@code users} subjects of one order with one item each (plus sessions and leads as above): many
     * subjects without the rows the in-memory store's linear join lookups would make slow.
     */
    static InMemoryDataStore sparseStore(int users) {
        InMemoryDataStore store = new InMemoryDataStore(schema());
        load(store, users, false);
        return store;
    }

    /**
     * Loads the rows described at {@link #store(int)} into an empty store with the shop schema, in one load; with
     * {@code dense} false every user has one order with one item.
     */
    static void load(DataStore store, int users, boolean dense) {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        TABLES.forEach(t -> rows.put(t, new ArrayList<>()));
        long order = 0;
        long item = 0;
        long session = 0;
        for (long u = 1; u <= users; u++) {
            rows.get("users").add(new Object[] {u, email(u), "Name " + u, phone(u),
                    LocalDateTime.of(2025, 1, 1, 12, 0).plusMinutes(u)});
            for (int o = 0; o <= (dense ? u % 3 : 0); o++) {
                order++;
                rows.get("orders").add(new Object[] {order, u, address(u),
                        new BigDecimal("19.90").add(BigDecimal.valueOf(o))});
                for (int i = 0; i < (dense ? 2 : 1); i++) {
                    item++;
                    rows.get("order_items").add(new Object[] {item, order, "SKU-" + item, "Happy birthday from " + u});
                    rows.get("item_notes").add(new Object[] {item, item, "call " + phone(u)});
                }
            }
            for (int s = 0; s <= u % 2; s++) {
                session++;
                rows.get("sessions").add(new Object[] {session, u, "10.0." + (u % 250) + "." + s});
            }
            if (u % 2 == 0) {
                rows.get("leads").add(new Object[] {u, email(u), "footer"});
            }
        }
        SchemaDescription schema = store.describe();
        store.load(schema.parentsFirst(TABLES), t -> RowCursor.of(schema.require(t).columnNames(),
                rows.get(t.toLowerCase(java.util.Locale.ROOT)).iterator()), DataStore.LoadMode.REFUSE_NON_EMPTY);
    }
}
