package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;
import org.compliancekit.jpa.JpaDataStore;
import org.compliancekit.jpashop.Customer;
import org.compliancekit.jpashop.JpaShop;
import org.compliancekit.jpashop.PurchaseOrder;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.SubjectRef;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Boot application on H2 whose personal data is declared on its entities only: no policy file. The daily
 * job applies the {@code @Retain} rule, and an erasure inside the application's own {@code @Transactional} method
 * is undone when that method fails and kept when it commits.
 */
@SpringBootTest(classes = JpaShopApplicationTest.ShopApplication.class, properties = {
        "compliance.hash-secret=" + Shop.HASH_SECRET})
class JpaShopApplicationTest {
    @Autowired
    ComplianceJobScheduler scheduler;
    @Autowired
    ComplianceKit kit;
    @Autowired
    ShopService shop;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDailyJobAppliesTheRetainRule() {
        assertThat(kit.dataStore()).isInstanceOf(JpaDataStore.class);
        JobReport report = scheduler.runNow();
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().value().orElseThrow().totalAffected()).isEqualTo(1);
        assertThat(street(10)).as("placed 100 days ago").isEqualTo("[REDACTED]");
        assertThat(street(12)).as("placed yesterday").isEqualTo("3 Ash Street");
    }

    @Test
    void anErasureInsideTheApplicationsTransactionRollsBackAndCommitsWithIt() {
        assertThatThrownBy(() -> shop.eraseThen(2L, true)).isInstanceOf(IllegalStateException.class);
        assertThat(email(2)).as("rolled back with the application's transaction").isEqualTo("bob@example.com");
        assertThat(street(11)).isEqualTo("2 Elm Street");

        String seenInside = shop.eraseThen(2L, false);
        assertThat(seenInside).as("the managed entity is refreshed").startsWith("hmac:");
        assertThat(email(2)).as("committed").isEqualTo(seenInside);
        assertThat(jdbc.queryForObject("select full_name from customers where id = 2", String.class)).isNull();
        assertThat(street(11)).isEqualTo("[REDACTED]");
        assertThat(email(1)).as("another subject is untouched").isEqualTo("ann@example.com");
    }

    private String street(long order) {
        return jdbc.queryForObject("select ship_street from orders where id = ?", String.class, order);
    }

    private String email(long customer) {
        return jdbc.queryForObject("select email from customers where id = ?", String.class, customer);
    }

    /** The application's own transactional service. */
    static class ShopService {
        @PersistenceContext
        EntityManager em;
        private final ComplianceKit kit;

        ShopService(ComplianceKit kit) {
            this.kit = kit;
        }

        @Transactional
        public void fill() {
            Customer ann = new Customer(1L, "ann@example.com", "Ann Smith");
            Customer bob = new Customer(2L, "bob@example.com", "Bob Jones");
            em.persist(ann);
            em.persist(bob);
            em.persist(new PurchaseOrder(10L, ann, "1 Oak Street", LocalDateTime.now().minusDays(100)));
            em.persist(new PurchaseOrder(11L, bob, "2 Elm Street", LocalDateTime.now().minusDays(1)));
            em.persist(new PurchaseOrder(12L, ann, "3 Ash Street", LocalDateTime.now().minusDays(1)));
        }

        /** Erases the customer, then fails or commits; returns the email the managed entity shows afterwards. */
        @Transactional
        public String eraseThen(long id, boolean fail) {
            Customer customer = em.find(Customer.class, id);
            kit.subjectRights().erase(SubjectRef.ofId(id), "support:alice");
            if (fail) {
                throw new IllegalStateException("the refund could not be booked");
            }
            return customer.email;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({JpaShop.class, ShopService.class})
    static class ShopApplication {
        @Bean
        ApplicationRunner fillShop(ShopService shop) {
            return args -> shop.fill();
        }
    }
}
