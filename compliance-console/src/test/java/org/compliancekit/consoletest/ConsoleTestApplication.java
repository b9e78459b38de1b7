package org.compliancekit.consoletest;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.kit.AuditLogFactory;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.DpaStatus;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A host application as the console meets it: its own sign-in, an admin with the console's authority and a
 * customer without it, and a {@link ComplianceKit} over a small shop held in memory.
 */
@SpringBootApplication
public class ConsoleTestApplication {
    static final String ADMIN = "admin";
    static final String CUSTOMER = "customer";
    static final String PASSWORD = "console-test-password";

    @Bean
    ComplianceKit complianceKit() {
        Clock clock = Clock.systemUTC();
        InMemoryDataStore store = InMemoryDataStore.of(
                new TableSchema("users", List.of(ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.text("email", 200, true), ColumnSchema.text("name", 100, true)),
                        List.of("id"), List.of()),
                new TableSchema("contacts", List.of(ColumnSchema.of("id", SqlType.BIGINT, false),
                        ColumnSchema.text("email", 200, true), ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)),
                        List.of("id"), List.of()));
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        store.insert("users", Map.of("id", 1L, "email", "ann@example.com", "name", "Ann Example"));
        store.insert("users", Map.of("id", 2L, "email", "bob@example.com", "name", "Bob Example"));
        for (long i = 1; i <= 5; i++) {
            store.insert("contacts", Map.of("id", i, "email", "lead" + i + "@example.com",
                    "created_at", now.minusDays(i <= 3 ? 200 : 5)));
        }
        PiiMap map = PiiMap.builder()
                .table("users", t -> t.primaryKey("id").subjectId("id").purpose("customer account")
                        .field("email", Strategy.hash()).field("name", Strategy.redact()))
                .table("contacts", t -> t.primaryKey("id").subjectEmail("email").deleteRow().purpose("contact form")
                        .field("email", Strategy.nulled()))
                .processor("Postmark", "transactional email", List.of("email", "name"), DpaStatus.SIGNED, "EU")
                .build();
        CompliancePolicy policy = CompliancePolicy.of(map)
                .withRules(List.of(RetentionRule.delete("contacts").afterDays(90).countingFrom("created_at").build()))
                .withBackup(BackupSettings.defaults().withEnabled(true));
        byte[] key = new byte[32];
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(key);
        random.nextBytes(secret);
        return ComplianceKit.builder(policy).withDataStore(store).withAuditLogFactory(AuditLogFactory.inMemory())
                .withBlobStore(new InMemoryBlobStore(clock))
                .withKeys(KeyRing.single("k1", Base64.getEncoder().encodeToString(key)))
                .withHashSecret(secret).withClock(clock).build();
    }

    @Bean
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults()).build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("COMPLIANCE_ADMIN").build(),
                User.withUsername(CUSTOMER).password("{noop}" + PASSWORD).roles("USER").build());
    }
}
