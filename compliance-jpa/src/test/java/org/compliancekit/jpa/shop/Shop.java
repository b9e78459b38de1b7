package org.compliancekit.jpa.shop;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** The annotated shop model and an entity manager factory over it that creates its schema. */
public final class Shop {
    public static final List<Class<?>> ENTITIES = List.of(Customer.class, PurchaseOrder.class, OrderLine.class,
            Payment.class, CardPayment.class, BankTransfer.class, Message.class, EmailMessage.class, SmsMessage.class,
            LoginSession.class, Referral.class, NewsletterSignup.class, Product.class);

    private Shop() {
    }

    /** Hibernate with Spring Boot's default physical naming (camel case to snake case) and Envers. */
    public static EntityManagerFactory open(DataSource dataSource) {
        return open(dataSource, false);
    }

    /** As {@link #open(DataSource)}, with every entity in a Caffeine-backed second-level cache when asked. */
    public static EntityManagerFactory open(DataSource dataSource, boolean cached) {
        HibernatePersistenceConfiguration cfg = new HibernatePersistenceConfiguration("shop");
        ENTITIES.forEach(cfg::managedClass);
        cfg.property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName())
                .property(AvailableSettings.HBM2DDL_AUTO, "create")
                .property(AvailableSettings.USE_SECOND_LEVEL_CACHE, String.valueOf(cached));
        if (cached) {
            cfg.property(AvailableSettings.CACHE_REGION_FACTORY, "jcache")
                    .property("hibernate.javax.cache.provider", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider")
                    .property("hibernate.javax.cache.missing_cache_strategy", "create")
                    .sharedCacheMode(jakarta.persistence.SharedCacheMode.ALL);
        }
        return cfg.createEntityManagerFactory();
    }
}
