package org.compliancekit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.compliancekit.ConfigurationException;
import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jpa.broken.Friendship;
import org.compliancekit.jpa.broken.Member;
import org.compliancekit.jpa.broken.Post;
import org.compliancekit.jpa.broken.Story;
import org.compliancekit.jpa.shop.Shop;
import org.compliancekit.pii.Strategy;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.policy.Problem;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.RetentionRule;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;

/** Mistakes in annotations and overrides by a policy file, all reported at once, naming entities and attributes. */
class JpaValidationTest {

    private static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void everyAnnotationMistakeIsReportedAtOnceNamingEntityAndAttribute() {
        JdbcDataSource ds = h2();
        try (EntityManagerFactory emf = new HibernatePersistenceConfiguration("broken").managedClass(Member.class)
                .managedClass(Friendship.class).managedClass(Post.class).managedClass(Story.class).property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds)
                .property(AvailableSettings.HBM2DDL_AUTO, "create").createEntityManagerFactory()) {
            JpaMapping mapping = JpaScanner.standard().scan(emf);
            ValidationReport report = mapping.validate(JdbcDataStore.builder(ds).build().describe());

            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Member.nickname (Member.nickname)", "KEEP needs a reason"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Member.phone (Member.phone)", "custom strategy 'unknown-one' is not registered"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Member.handle (Member.handle)", "text is only read with Erasure.REDACT"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("@DataSubject(email = \"mail\")"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Friendship (table Friendship)", "several associations", "Friendship.one", "Friendship.other",
                            "@SubjectLink"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Friendship @Retain countingFrom", "attribute 'since' of Friendship"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Friendship @Retain(bad-period) after", "not a duration"));
            assertThat(report.errors()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                    .contains("Story @Retain", "SINGLE_TABLE", "Post"));
            assertThat(mapping.rules()).isEmpty();
            assertThatThrownBy(report::throwIfInvalid).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(report.errors().size() + " error(s)");
        }
    }

    @Test
    void aPolicyFileAddsAndOverridesByEntityAndAttributeNameAndReportsConflicts() {
        try (EntityManagerFactory emf = Shop.open(h2())) {
            JpaMapping scanned = JpaScanner.standard().scan(emf);
            JpaMapping combined = scanned.combine(PolicyFiles.standard().parse("""
                    version: 1
                    tables:
                      LoginSession:
                        subject: {id: customer_id}
                        onErasure: delete
                        fields:
                          ipAddress: hash
                      Product:
                        fields:
                          title: redact
                    backup:
                      retention: 7d
                    retention:
                      - name: referral-delete
                        table: Referral
                        action: delete
                        after: 365d
                        countingFrom: createdAt
                    """));

            assertThat(combined.map().table("login_session").flatMap(t -> t.field("ip_address")))
                    .map(f -> f.strategy()).contains(Strategy.hash());
            assertThat(combined.map().table("product").map(TableMapping::fields).orElseThrow())
                    .extracting(f -> f.column()).containsExactly("title");
            assertThat(combined.rules()).contains(RetentionRule.delete("referral").named("referral-delete")
                    .afterDays(365).countingFrom("created_at").build());
            assertThat(combined.problems()).singleElement().satisfies(p -> {
                assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
                assertThat(p.location()).isEqualTo("LoginSession.ipAddress (login_session.ip_address)");
                assertThat(p.message()).contains("annotation says null", "file says hash");
            });
            assertThat(scanned.map().table("product")).isEmpty();
            assertThat(combined.policy().backup().retention()).isEqualTo(java.time.Duration.ofDays(7));
        }
    }
}
