package org.compliancekit.jdbc.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.policy.Validation;
import org.compliancekit.subject.ErasureReceipt;
import org.compliancekit.subject.PolicyDraft;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A policy drafted from a twelve-table rental schema (a self-reference, a cycle among unlinked tables, a table
 * without a primary key, two-join paths) validates without edits and erases a subject requested by email.
 */
class PolicyDraftJdbcTest {

    static void create(TestDatabase.Fresh db) {
        db.execute(
                "CREATE TABLE store (store_id BIGINT NOT NULL PRIMARY KEY, manager_id BIGINT)",
                "CREATE TABLE staff (staff_id BIGINT NOT NULL PRIMARY KEY, store_id BIGINT NOT NULL, first_name VARCHAR(45),"
                        + " CONSTRAINT fk_staff_store FOREIGN KEY (store_id) REFERENCES store (store_id))",
                "ALTER TABLE store ADD CONSTRAINT fk_store_manager FOREIGN KEY (manager_id) REFERENCES staff (staff_id)",
                "CREATE TABLE film (film_id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(100) NOT NULL)",
                "CREATE TABLE category (category_id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(25) NOT NULL)",
                "CREATE TABLE customer (customer_id BIGINT NOT NULL PRIMARY KEY, store_id BIGINT NOT NULL,"
                        + " first_name VARCHAR(45) NOT NULL, last_name VARCHAR(45) NOT NULL, email VARCHAR(50),"
                        + " phone VARCHAR(20), birth_date DATE, referred_by BIGINT, create_date DATE NOT NULL,"
                        + " CONSTRAINT fk_customer_store FOREIGN KEY (store_id) REFERENCES store (store_id),"
                        + " CONSTRAINT fk_customer_referrer FOREIGN KEY (referred_by) REFERENCES customer (customer_id))",
                "CREATE TABLE address (address_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " address VARCHAR(50) NOT NULL, postal_code VARCHAR(10), city VARCHAR(50),"
                        + " CONSTRAINT fk_address_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))",
                "CREATE TABLE inventory (inventory_id BIGINT NOT NULL PRIMARY KEY, film_id BIGINT NOT NULL,"
                        + " CONSTRAINT fk_inventory_film FOREIGN KEY (film_id) REFERENCES film (film_id))",
                "CREATE TABLE rental (rental_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " inventory_id BIGINT NOT NULL, rental_date DATE NOT NULL, return_date DATE,"
                        + " CONSTRAINT fk_rental_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id),"
                        + " CONSTRAINT fk_rental_inventory FOREIGN KEY (inventory_id) REFERENCES inventory (inventory_id))",
                "CREATE TABLE payment (payment_id BIGINT NOT NULL PRIMARY KEY, rental_id BIGINT NOT NULL,"
                        + " amount DECIMAL(5,2) NOT NULL, payment_date DATE NOT NULL,"
                        + " CONSTRAINT fk_payment_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id))",
                "CREATE TABLE review (review_id BIGINT NOT NULL PRIMARY KEY, rental_id BIGINT NOT NULL, body VARCHAR(500),"
                        + " reviewer_name VARCHAR(5) NOT NULL,"
                        + " CONSTRAINT fk_review_rental FOREIGN KEY (rental_id) REFERENCES rental (rental_id))",
                "CREATE TABLE review_reply (reply_id BIGINT NOT NULL PRIMARY KEY, review_id BIGINT NOT NULL,"
                        + " contact_email VARCHAR(30) NOT NULL,"
                        + " CONSTRAINT fk_reply_review FOREIGN KEY (review_id) REFERENCES review (review_id))",
                "CREATE TABLE login_event (customer_id BIGINT NOT NULL, ip_address VARCHAR(45),"
                        + " CONSTRAINT fk_login_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id))",
                "INSERT INTO store VALUES (1, NULL)",
                "INSERT INTO film VALUES (1, 'Academy Dinosaur')",
                "INSERT INTO inventory VALUES (1, 1)",
                "INSERT INTO customer VALUES (1, 1, 'Mary', 'Smith', 'mary.smith@example.org', '+15550100', NULL, NULL,"
                        + " DATE '2024-02-14')",
                "INSERT INTO customer VALUES (2, 1, 'Pat', 'Jones', 'pat@example.org', NULL, NULL, 1, DATE '2024-02-15')",
                "INSERT INTO address VALUES (1, 1, '47 MySakila Drive', '4166', 'Lethbridge')",
                "INSERT INTO rental VALUES (1, 1, 1, DATE '2025-05-24', NULL)",
                "INSERT INTO payment VALUES (1, 1, 2.99, DATE '2025-05-25')",
                "INSERT INTO review VALUES (1, 1, 'great', 'Mary')",
                "INSERT INTO review_reply VALUES (1, 1, 'mary.smith@example.org')");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDraftOfATwelveTableSchemaValidatesWithoutEditsAndServesARequestByEmail(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh()) {
            create(db);
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            assertThat(store.describe().tables()).hasSizeGreaterThanOrEqualTo(12);

            PolicyDraft draft = PolicyDraft.fromSchema(store.describe(), "customer");
            CompliancePolicy reread = PolicyFiles.standard().parse(draft.yaml());

            assertThat(Validation.validate(draft.policy(), store.describe()).problems()).isEmpty();
            assertThat(Validation.validate(reread, store.describe()).problems()).isEmpty();
            assertThat(reread.map()).isEqualTo(draft.map());
            assertThat(names(draft)).containsExactlyInAnyOrder("customer", "address", "rental", "payment", "review",
                    "review_reply");
            assertThat(draft.yaml().toLowerCase()).contains("review", "login_event", "no primary key", "film");
            TableMapping customer = table(draft, "customer");
            assertThat(customer.identities()).extracting(i -> i.identity() + "=" + i.column().toLowerCase())
                    .containsExactly("email=email", "phone=phone");
            assertThat(table(draft, "review_reply").subjectLink()).isInstanceOf(SubjectLink.ViaPath.class);
            assertThat(((SubjectLink.ViaPath) table(draft, "review_reply").subjectLink()).joins()).hasSize(2);
            assertThat(table(draft, "payment").exportOnly()).isTrue();
            assertThat(table(draft, "address").field("address").orElseThrow().strategy().name()).isEqualTo("redact");
            assertThat(customer.field("birth_date").orElseThrow().strategy().name()).isEqualTo("null");

            SubjectRights rights = SubjectRights.builder(store, reread.map(),
                    InMemoryAuditLog.builder(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build())
                    .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();
            ErasureReceipt receipt = rights.erase(SubjectRef.ofEmail("Mary.Smith@example.org"), "support:alice");

            assertThat(receipt.status()).isEqualTo(ErasureReceipt.Status.COMPLETED);
            assertThat(receipt.subjects()).isEqualTo(1);
            // customer, address and review_reply; rental, payment and review hold no column that looks personal, so
            // the draft keeps them export-only (found, exported, not changed).
            assertThat(receipt.totalChanged()).isEqualTo(3);
            assertThat(receipt.totalFound()).isEqualTo(6);
        }
    }

    private static List<String> names(PolicyDraft draft) {
        return draft.map().tables().stream().map(t -> t.table().toLowerCase()).toList();
    }

    private static TableMapping table(PolicyDraft draft, String name) {
        return draft.map().table(name).orElseThrow();
    }
}
