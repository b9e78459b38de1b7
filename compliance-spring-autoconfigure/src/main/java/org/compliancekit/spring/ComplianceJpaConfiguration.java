package org.compliancekit.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;
import org.compliancekit.jpa.JpaDataStore;
import org.compliancekit.jpa.JpaMapping;
import org.compliancekit.jpa.JpaScanner;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.store.DataStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JPA part: when the application has {@code compliance-jpa} and an {@code EntityManagerFactory}, the policy's
 * base is the scan of its annotated entities, the policy file (when there is one) adds and overrides, and the
 * {@code compliance.*} properties apply on top. Data goes through a {@link JpaDataStore} that joins the
 * application's JPA transactions; the audit trail, job lock and legal holds stay on the {@code DataSource}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {ComplianceJpaConfiguration.JPA_SCANNER, "org.springframework.orm.jpa.EntityManagerHolder"})
@ConditionalOnBean(type = "jakarta.persistence.EntityManagerFactory")
class ComplianceJpaConfiguration {
    static final String JPA_SCANNER = "org.compliancekit.jpa.JpaScanner";

    /** Scans the entities; define your own to register custom strategies with {@code withStrategy}. */
    @Bean
    @ConditionalOnMissingBean
    JpaScanner complianceJpaScanner() {
        return JpaScanner.standard();
    }

    /** The application's entities as the scanner reads them, before any policy file. */
    @Bean
    ScannedEntities complianceScannedEntities(EntityManagerFactory emf, JpaScanner scanner) {
        return new ScannedEntities(scanner.scan(emf));
    }

    /** The scanned entities, with the policy file and the properties applied; its problems are reported at startup. */
    @Bean
    @ConditionalOnMissingBean
    JpaMapping complianceJpaMapping(ScannedEntities scanned, PolicyFiles files, ComplianceProperties properties,
            ResourceLoader resources, Environment environment) {
        Binder binder = Binder.get(environment);
        String location = properties.getPolicyLocation();
        boolean named = binder.bind("compliance.policy-location", Bindable.of(String.class)).isBound();
        // With annotated entities the default location is optional (the annotations are a policy); without any, or
        // at a location the user names, the file is required as it is without JPA.
        CompliancePolicy file = !scanned.annotated() || named || resources.getResource(location).exists()
                ? PolicyAssembler.read(resources, files, location)
                : CompliancePolicy.of(new PiiMap(List.of(), List.of()));
        return scanned.scan().combine(new PolicyAssembler(properties, binder).apply(file));
    }

    /** The policy of the mapping, unless the application defines its own policy or {@link PiiMap}. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean({CompliancePolicy.class, PiiMap.class})
    CompliancePolicy complianceJpaPolicy(JpaMapping mapping) {
        return mapping.policy();
    }

    /** Writes join the transaction of the application's transactional {@code EntityManager}. */
    @Bean
    @ConditionalOnMissingBean(DataStore.class)
    @DependsOnDatabaseInitialization
    JpaDataStore complianceJpaDataStore(EntityManagerFactory emf, JpaMapping mapping) {
        return JpaDataStore.builder(emf, mapping).withCurrentEntityManager(() -> transactional(emf)).build();
    }

    /**
     * Validates the mapping's policy naming {@code Entity.attribute}; another policy, or a file-only policy of an
     * application whose entities carry no compliance annotation, is left to the kit.
     */
    @Bean
    PolicyValidation complianceJpaValidation(JpaMapping mapping, ScannedEntities scanned) {
        return (policy, store) -> scanned.annotated() && policy.equals(mapping.policy())
                ? Optional.of(mapping.validate(store.describe())) : Optional.empty();
    }

    private static Optional<EntityManager> transactional(EntityManagerFactory emf) {
        return TransactionSynchronizationManager.getResource(emf) instanceof EntityManagerHolder holder
                ? Optional.of(holder.getEntityManager()) : Optional.empty();
    }

    /** The scan of the entities; an application that annotates none of them keeps its policy file as it is. */
    record ScannedEntities(JpaMapping scan) {
        /**
         * Whether any entity carries a compliance annotation: every annotation gives a table, a rule or a problem,
         * while entities without any give exactly one problem, the missing {@code @DataSubject}.
         */
        boolean annotated() {
            return scan.subjectType().isPresent() || !scan.map().tables().isEmpty() || !scan.rules().isEmpty()
                    || scan.problems().size() > 1;
        }
    }
}
