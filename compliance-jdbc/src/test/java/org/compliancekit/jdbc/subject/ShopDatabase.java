package org.compliancekit.jdbc.subject;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;

/**
 * A shop schema on a real database: users; orders; items one hop and notes two hops away from the user; sessions
 * deleted on erasure; leads found by email. Link columns are indexed, as the benchmark requires.
 */
final class ShopDatabase {
    static final List<String> TABLES = List.of("users", "orders", "items", "notes", "sessions", "leads");

    private ShopDatabase() {
    }

    static void create(TestDatabase.Fresh db, boolean phoneRequired) {
        db.execute(
                "CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL, name VARCHAR(100),"
                        + " phone VARCHAR(50)" + (phoneRequired ? " NOT NULL" : "") + ", created_at TIMESTAMP NOT NULL)",
                "CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT NOT NULL, address VARCHAR(300),"
                        + " amount DECIMAL(12,2) NOT NULL,"
                        + " CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id))",
                "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, order_id BIGINT NOT NULL, gift VARCHAR(300),"
                        + " CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id))",
                "CREATE TABLE notes (id BIGINT NOT NULL PRIMARY KEY, item_id BIGINT NOT NULL, body VARCHAR(300),"
                        + " CONSTRAINT fk_notes_item FOREIGN KEY (item_id) REFERENCES items (id))",
                "CREATE TABLE sessions (id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT NOT NULL, ip VARCHAR(45),"
                        + " CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id))",
                "CREATE TABLE leads (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL)",
                "CREATE INDEX ix_orders_user ON orders (user_id)",
                "CREATE INDEX ix_items_order ON items (order_id)",
                "CREATE INDEX ix_notes_item ON notes (item_id)",
                "CREATE INDEX ix_sessions_user ON sessions (user_id)",
                "CREATE INDEX ix_leads_email ON leads (email)");
    }

    static PiiMap map() {
        return PiiMap.builder()
                .table("users", t -> t.subjectId("id").field("email", Strategy.hash()).field("name", Strategy.redact())
                        .field("phone", Strategy.nulled()).purpose("customer account").categories("contact details"))
                .table("orders", t -> t.subjectId("user_id").field("address", Strategy.redact())
                        .keep("amount", "bookkeeping law: 10 years").purpose("order fulfilment"))
                .table("items", t -> t.subject(SubjectLink.path(List.of(Join.to("order_id", "orders", "id")),
                        SubjectLink.id("user_id"))).field("gift", Strategy.nulled()))
                .table("notes", t -> t.subject(SubjectLink.path(List.of(Join.to("item_id", "items", "id"),
                        Join.to("order_id", "orders", "id")), SubjectLink.id("user_id"))).field("body", Strategy.redact()))
                .table("sessions", t -> t.subjectId("user_id").field("ip", Strategy.nulled()).deleteRow())
                .table("leads", t -> t.subjectEmail("email").field("email", Strategy.nulled()).deleteRow())
                .processor("Stripe", "card payments", List.of("email"), DpaStatus.SIGNED, "USA (EU SCCs)")
                .build();
    }

    static String email(long user) {
        return "user" + user + "@example.com";
    }

    /**
     * Loads {@code users} subjects: each with {@code ordersPerUser} orders of two items with one note each, two
     * sessions, and a lead for even users. Ids of every table overlap user ids on purpose.
     */
    static void load(DataStore store, int users, int ordersPerUser) {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        TABLES.forEach(t -> rows.put(t, new ArrayList<>()));
        long order = 0;
        long item = 0;
        for (long u = 1; u <= users; u++) {
            rows.get("users").add(new Object[] {u, email(u), "Name " + u, "+49 151 " + (1_000_000 + u),
                    LocalDateTime.of(2025, 1, 1, 12, 0).plusSeconds(u)});
            for (int o = 0; o < ordersPerUser; o++) {
                order++;
                rows.get("orders").add(new Object[] {order, u, u + " Main Street", new BigDecimal("19.90")});
                for (int i = 0; i < 2; i++) {
                    item++;
                    rows.get("items").add(new Object[] {item, order, "for " + u});
                    rows.get("notes").add(new Object[] {item, item, "note of " + u});
                }
            }
            rows.get("sessions").add(new Object[] {2 * u - 1, u, "10.0.0." + (u % 250)});
            rows.get("sessions").add(new Object[] {2 * u, u, "10.0.1." + (u % 250)});
            if (u % 2 == 0) {
                rows.get("leads").add(new Object[] {u, email(u)});
            }
        }
        SchemaDescription schema = store.describe();
        store.load(schema.parentsFirst(TABLES), t -> RowCursor.of(schema.require(t).columnNames(),
                rows.get(t.toLowerCase(java.util.Locale.ROOT)).iterator()), DataStore.LoadMode.REFUSE_NON_EMPTY);
    }
}
