package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.compliancekit.jdbc.JdbcDataStore;
import org.compliancekit.jpa.JpaDataStore;
import org.compliancekit.jpa.JpaMapping;
import org.compliancekit.jpa.JpaScanner;
import org.compliancekit.jpashop.JpaShop;
import org.compliancekit.jpabroken.BrokenShop;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.compliancekit.store.DataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ComplianceJpaConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class))
            .withConfiguration(ComplianceAutoConfigurationTest.ALL)
            .withPropertyValues("compliance.hash-secret=" + Shop.HASH_SECRET, "compliance.job.enabled=false");

    @Test
    void theEntitiesAreThePolicyAndTheStoreIsJpa() {
        runner.withUserConfiguration(JpaShop.class).withPropertyValues("compliance.backup.name=props").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(JpaScanner.class).hasSingleBean(JpaMapping.class);
            ComplianceKit kit = ctx.getBean(ComplianceKit.class);
            assertThat(kit.dataStore()).isSameAs(ctx.getBean(DataStore.class)).isInstanceOf(JpaDataStore.class);
            assertThat(kit.policy().map().tables()).extracting(TableMapping::table)
                    .containsExactlyInAnyOrder("customers", "orders");
            assertThat(kit.policy().rules()).extracting(r -> r.name()).containsExactly("orders-anonymize");
            assertThat(kit.policy().backup().name()).as("a property on top of the annotations").isEqualTo("props");
        });
    }

    @Test
    void thePolicyFileAddsAndOverridesAndItsConflictIsLoggedOnce(CapturedOutput output) {
        runner.withUserConfiguration(JpaShop.class)
                .withPropertyValues("compliance.policy-location=classpath:policies/jpa-shop.yml").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    CompliancePolicy policy = ctx.getBean(ComplianceKit.class).policy();
                    assertThat(policy.backup().name()).as("the file's setting").isEqualTo("jpafile");
                    TableMapping customers = policy.map().tables().stream()
                            .filter(t -> t.table().equals("customers")).findFirst().orElseThrow();
                    assertThat(customers.fields()).anySatisfy(f -> assertThat(f.toString()).contains("full_name")
                            .contains("[erased]"));
                });
        String conflict = output.getOut().lines().filter(l -> l.contains("compliance policy:")
                && l.contains("Customer.fullName")).findFirst().orElseThrow();
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(conflict), -1)).as("logged once").hasSize(2);
    }

    @Test
    void entitiesWithoutComplianceAnnotationsKeepThePolicyFile() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class))
                .withConfiguration(ComplianceAutoConfigurationTest.ALL).withBean(DataSource.class, Shop::h2)
                .withPropertyValues("compliance.hash-secret=" + Shop.HASH_SECRET, "compliance.job.enabled=false",
                        "compliance.policy-location=classpath:policies/shop.yml").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.policy().rules()).extracting(r -> r.name()).containsExactly("old-leads");
                    assertThat(kit.policy().backup().name()).isEqualTo("shopfile");
                    assertThat(kit.dataStore()).isInstanceOf(JpaDataStore.class);
                });
    }

    @Test
    void aNamedPolicyFileThatIsMissingFailsTheStart() {
        runner.withUserConfiguration(JpaShop.class)
                .withPropertyValues("compliance.policy-location=classpath:policies/nowhere.yml")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("no policy file at classpath:policies/nowhere.yml"));
    }

    @Test
    void annotationErrorsFailTheStartNamingEntityAndAttribute() {
        runner.withUserConfiguration(BrokenShop.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis analysis = new ComplianceFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("BrokenOrder").contains("shippedAt");
            assertThat(analysis.getAction()).contains("annotations");
        });
    }

    @Test
    void withoutComplianceJpaTheFileAndTheJdbcStoreServe() {
        runner.withUserConfiguration(JpaShop.class).withClassLoader(new FilteredClassLoader(JpaScanner.class))
                .withPropertyValues("compliance.policy-location=classpath:policies/jpa-shop-tables.yml").run(ctx -> {
                    assertThat(ctx).hasNotFailed().doesNotHaveBean(JpaMapping.class).doesNotHaveBean(DataStore.class);
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.dataStore()).isInstanceOf(JdbcDataStore.class);
                    assertThat(kit.policy().backup().name()).isEqualTo("tablesfile");
                    assertThat(kit.policy().rules()).isEmpty();
                });
    }

    @Test
    void theUsersPolicyStoreAndScannerWin() {
        CompliancePolicy own = PolicyFiles.standard()
                .parse(ComplianceAutoConfigurationTest.resource("policies/jpa-shop-tables.yml"));
        JpaScanner scanner = JpaScanner.standard();
        runner.withUserConfiguration(JpaShop.class, OwnStore.class).withBean(CompliancePolicy.class, () -> own)
                .withBean(JpaScanner.class, () -> scanner).run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(DataStore.class);
                    assertThat(ctx.getBean(JpaScanner.class)).isSameAs(scanner);
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.policy()).isSameAs(own);
                    assertThat(kit.dataStore()).isSameAs(ctx.getBean(DataStore.class)).isInstanceOf(JdbcDataStore.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        DataStore ownStore(DataSource dataSource) {
            return JdbcDataStore.builder(dataSource).build();
        }
    }
}
