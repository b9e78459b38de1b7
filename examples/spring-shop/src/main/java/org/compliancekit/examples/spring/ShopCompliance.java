package org.compliancekit.examples.spring;

import java.nio.file.Path;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.spring.ComplianceKitCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the shop meets Compliance Kit beyond properties: the demo's secrets are handed to the kit. The policy is
 * the starter's scan of the annotated entities with the {@code compliance.*} properties on top; backups, the daily
 * job and the console come from properties too.
 */
@Configuration(proxyBeanMethods = false)
class ShopCompliance {

    @Bean
    ComplianceKitCustomizer shopSecrets(@Value("${shop.dir}") Path dir) {
        ShopSecrets secrets = ShopSecrets.loadOrCreate(dir.resolve("secrets.properties"));
        return kit -> kit.withKeys(KeyRing.single("shop-1", secrets.backupKey())).withHashSecret(secrets.hashSecret());
    }
}
