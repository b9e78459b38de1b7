package org.compliancekit.jdbc.subject;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;

/**
 * A rental shop where requests arrive by email: customers (id, email, phone), their extra addresses, postal
 * addresses (subject ← address), rentals and their payments (subject ← rental ← payment, both kept for bookkeeping,
 * so export-only) and newsletter sign-ups linked by email alone.
 * <ul>
 *   <li>customer 1: {@code u1@example.com}, a second address {@code second1@example.com}, two rentals with two
 *   payments each, newsletter sign-ups under both addresses written in other cases and with spaces.</li>
 *   <li>customers 2 and 3: share {@code shared@example.com}.</li>
 *   <li>customer 4: {@code müller@example.com} (a non-ASCII letter the email rule compares exactly).</li>
 * </ul>
 */
final class RentalDatabase {
    static final List<String> TABLES = List.of("customer", "customer_email", "address", "rental", "payment", "newsletter");

    private RentalDatabase() {
    }

    static void create(TestDatabase.Fresh db) {
        db.execute(
                "CREATE TABLE customer (customer_id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL,"
                        + " first_name VARCHAR(100), phone VARCHAR(50))",
                "CREATE TABLE customer_email (id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " email VARCHAR(200) NOT NULL,"
                        + " CONSTRAINT fk_ce_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))",
                "CREATE TABLE address (address_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " street VARCHAR(200),"
                        + " CONSTRAINT fk_address_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))",
                "CREATE TABLE rental (rental_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " rental_date TIMESTAMP NOT NULL,"
                        + " CONSTRAINT fk_rental_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))",
                "CREATE TABLE payment (payment_id BIGINT NOT NULL PRIMARY KEY, rental_id BIGINT NOT NULL,"
                        + " amount DECIMAL(8,2) NOT NULL,"
                        + " CONSTRAINT fk_payment_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id))",
                "CREATE TABLE newsletter (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200) NOT NULL)");
    }

    static PiiMap map() {
        return PiiMap.builder()
                .table("customer", t -> t.subjectId("customer_id").identity("email", "email").identity("phone", "phone")
                        .field("email", Strategy.hash()).field("first_name", Strategy.redact())
                        .field("phone", Strategy.nulled()).purpose("customer account"))
                .table("customer_email", t -> t.subjectId("customer_id").identity("email", "email")
                        .field("email", Strategy.hash()).deleteRow())
                .table("address", t -> t.subjectId("customer_id").field("street", Strategy.redact()))
                .table("rental", t -> t.subjectId("customer_id").keep("rental_date", "bookkeeping law: 10 years"))
                .table("payment", t -> t.subject(SubjectLink.path(List.of(Join.to("rental_id", "rental", "rental_id")),
                        SubjectLink.id("customer_id"))).exportOnly("bookkeeping law: 10 years"))
                .table("newsletter", t -> t.subjectEmail("email").field("email", Strategy.hash()).deleteRow())
                .build();
    }

    static void load(DataStore store) {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        TABLES.forEach(t -> rows.put(t, new ArrayList<>()));
        rows.get("customer").add(new Object[] {1L, "u1@example.com", "Una", "+4915100000001"});
        rows.get("customer").add(new Object[] {2L, "shared@example.com", "Bo", null});
        rows.get("customer").add(new Object[] {3L, "Shared@Example.com", "Cy", null});
        rows.get("customer").add(new Object[] {4L, "müller@example.com", "Dee", null});
        rows.get("customer_email").add(new Object[] {1L, 1L, "second1@example.com"});
        rows.get("address").add(new Object[] {1L, 1L, "1 Main Street"});
        rows.get("address").add(new Object[] {2L, 2L, "2 Main Street"});
        long payment = 0;
        for (long rental = 1; rental <= 3; rental++) {
            long customer = rental <= 2 ? 1 : 2;
            rows.get("rental").add(new Object[] {rental, customer, LocalDateTime.of(2025, 5, (int) rental, 10, 0)});
            for (int i = 0; i < 2; i++) {
                rows.get("payment").add(new Object[] {++payment, rental, new BigDecimal("4.99")});
            }
        }
        rows.get("newsletter").add(new Object[] {1L, " U1@Example.COM"});
        rows.get("newsletter").add(new Object[] {2L, "SECOND1@example.com"});
        rows.get("newsletter").add(new Object[] {3L, "xu1@example.com"});
        rows.get("newsletter").add(new Object[] {4L, "u1@example.co"});
        SchemaDescription schema = store.describe();
        store.load(schema.parentsFirst(TABLES), t -> RowCursor.of(schema.require(t).columnNames(),
                rows.get(t.toLowerCase(Locale.ROOT)).iterator()), DataStore.LoadMode.REFUSE_NON_EMPTY);
    }
}
