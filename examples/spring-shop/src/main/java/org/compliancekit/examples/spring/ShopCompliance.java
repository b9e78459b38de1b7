package org.compliancekit.examples.spring;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jpa.JpaScanner;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.spring.ComplianceKitCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the shop meets Compliance Kit: the policy is scanned from the annotated entities, and the demo's secrets
 * are handed to the kit. Everything else — backups, the daily job, the console — comes from properties.
 */
@Configuration(proxyBeanMethods = false)
class ShopCompliance {

    /**
     * The PII map and retention rules, read from the entities' annotations as Hibernate maps them, with daily
     * encrypted backups kept 14 days — shorter than the shortest retention period, so deleted rows do not linger
     * in backups. A policy bean is taken as it is: the {@code compliance.backup.*} properties do not change it.
     */
    @Bean
    CompliancePolicy shopPolicy(EntityManagerFactory emf) {
        return JpaScanner.standard().scan(emf).policy()
                .withBackup(BackupSettings.defaults().withEnabled(true).withRetention(Duration.ofDays(14)));
    }

    @Bean
    ComplianceKitCustomizer shopSecrets(@Value("${shop.dir}") Path dir) {
        ShopSecrets secrets = ShopSecrets.loadOrCreate(dir.resolve("secrets.properties"));
        return kit -> kit.withKeys(KeyRing.single("shop-1", secrets.backupKey())).withHashSecret(secrets.hashSecret());
    }
}
