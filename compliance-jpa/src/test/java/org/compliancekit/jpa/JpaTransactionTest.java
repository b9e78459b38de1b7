package org.compliancekit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.compliancekit.StorageException;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.jpa.shop.Customer;
import org.compliancekit.jpa.shop.LoginSession;
import org.compliancekit.jpa.shop.Shop;
import org.compliancekit.jpa.shop.ShopData;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionPlan;
import org.compliancekit.retention.RetentionResult;
import org.compliancekit.subject.SubjectRights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes join the caller's transaction; caches and the caller's persistence context are not left stale. */
class JpaTransactionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private static SubjectRights rights(JpaDataStore store, JpaMapping mapping) {
        return SubjectRights.builder(store, mapping.map(), InMemoryAuditLog.builder(CLOCK).build()).withClock(CLOCK)
                .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();
    }

    private static String storedEmail(EntityManagerFactory emf, long id) {
        return emf.callInTransaction(em -> (String) em.createNativeQuery("select email from customers where id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void erasureJoinsTheCallersTransactionAndRefreshesWhatItHolds(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh(); EntityManagerFactory emf = Shop.open(db.dataSource(), true)) {
            ShopData.fill(emf, 3);
            JpaMapping mapping = JpaScanner.standard().scan(emf);
            EntityManager em = emf.createEntityManager();
            JpaDataStore store = JpaDataStore.builder(emf, mapping).withCurrentEntityManager(() -> Optional.of(em)).build();
            SubjectRights rights = rights(store, mapping);
            SubjectRef one = SubjectRef.of(1L, ShopData.email(1));

            emf.runInTransaction(x -> x.find(Customer.class, 1L));
            assertThat(emf.getCache().contains(Customer.class, 1L)).isTrue();

            em.getTransaction().begin();
            Customer held = em.find(Customer.class, 1L);
            LoginSession session = em.find(LoginSession.class, 11L);
            rights.erase(one, "support:alice");
            assertThat(ShopData.emailOf(held)).startsWith("hmac:");
            assertThat(em.contains(session)).isFalse();
            assertThat(emf.getCache().contains(Customer.class, 1L)).isFalse();
            assertThat(storedEmail(emf, 1)).as("not committed yet").isEqualTo(ShopData.email(1));
            em.getTransaction().rollback();
            assertThat(storedEmail(emf, 1)).as("rolled back with the caller").isEqualTo(ShopData.email(1));

            em.getTransaction().begin();
            rights.erase(one, "support:alice");
            em.getTransaction().commit();
            em.close();
            assertThat(storedEmail(emf, 1)).startsWith("hmac:");
            assertThat(storedEmail(emf, 2)).isEqualTo(ShopData.email(2));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void withoutATransactionRetentionDoesWhatItsPlanSaysOnceAndReachesTheHistory(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh(); EntityManagerFactory emf = Shop.open(db.dataSource())) {
            ShopData.fill(emf, 3);
            JpaMapping mapping = JpaScanner.standard().scan(emf);
            JpaDataStore store = JpaDataStore.builder(emf, mapping).build();
            RetentionEngine engine = RetentionEngine.builder(store, mapping.map(), InMemoryAuditLog.builder(CLOCK).build())
                    .withRules(mapping.rules()).withClock(CLOCK)
                    .withErasureContext(ErasureContext.withHashSecret(new byte[32])).build();
            RetentionPlan plan = engine.plan();
            RetentionResult result = engine.execute("scheduler");

            assertThat(result.status()).isEqualTo(AuditStatus.COMPLETED);
            assertThat(result.rules()).extracting(r -> r.rule() + "=" + r.affected())
                    .containsExactlyElementsOf(plan.rules().stream().map(r -> r.rule() + "=" + r.matching()).toList());
            assertThat(engine.execute("scheduler").rules()).allMatch(r -> r.affected() == 0);
            assertThat(result.rules()).filteredOn(r -> r.rule().equals("orders-anonymize-history"))
                    .singleElement().satisfies(r -> assertThat(r.affected()).isEqualTo(3));
            List<?> history = emf.callInTransaction(em -> em.createNativeQuery(
                    "select ship_street from orders_aud where status = 'SHIPPED'").getResultList());
            assertThat(history).isNotEmpty().allMatch("[REDACTED]"::equals);
            List<?> open = emf.callInTransaction(em -> em.createNativeQuery(
                    "select ship_street from orders_aud where status = 'OPEN'").getResultList());
            assertThat(open).isNotEmpty().noneMatch("[REDACTED]"::equals);
            Object sessions = emf.callInTransaction(em -> em.createNativeQuery("select count(*) from login_session")
                    .getSingleResult());
            assertThat(sessions).hasToString("0");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRES"})
    void aStoreFailureNamesEntityAndAttributeAndChangesNothing(TestDatabase kind) {
        try (TestDatabase.Fresh db = kind.fresh(); EntityManagerFactory emf = Shop.open(db.dataSource())) {
            ShopData.fill(emf, 2);
            JpaMapping mapping = JpaScanner.standard().scan(emf).combine(PolicyFiles.standard().parse("""
                    version: 1
                    tables:
                      Customer:
                        fields:
                          email: null
                    """));
            JpaDataStore store = JpaDataStore.builder(emf, mapping).build();

            assertThatThrownBy(() -> rights(store, mapping).erase(SubjectRef.ofId(1L), "support:alice"))
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT))
                            .contains("customers.email [customer.email]"));
            assertThat(storedEmail(emf, 1)).isEqualTo(ShopData.email(1));

            EntityManager em = emf.createEntityManager();
            JpaDataStore joined = JpaDataStore.builder(emf, mapping).withCurrentEntityManager(() -> Optional.of(em)).build();
            em.getTransaction().begin();
            assertThatThrownBy(() -> rights(joined, mapping).erase(SubjectRef.ofId(1L), "support:alice"))
                    .isInstanceOf(StorageException.class);
            assertThat(em.getTransaction().getRollbackOnly()).as("the caller's transaction cannot commit").isTrue();
            em.getTransaction().rollback();
            em.close();
            assertThat(storedEmail(emf, 1)).isEqualTo(ShopData.email(1));
        }
    }
}
