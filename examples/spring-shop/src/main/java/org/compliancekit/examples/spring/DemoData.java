package org.compliancekit.examples.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.compliancekit.examples.spring.shop.CheckoutSession;
import org.compliancekit.examples.spring.shop.CouponUsage;
import org.compliancekit.examples.spring.shop.Customer;
import org.compliancekit.examples.spring.shop.Lead;
import org.compliancekit.examples.spring.shop.OrderItem;
import org.compliancekit.examples.spring.shop.OrderStatus;
import org.compliancekit.examples.spring.shop.ProductReview;
import org.compliancekit.examples.spring.shop.ShopOrder;
import org.compliancekit.examples.spring.shop.Subscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty shop with demo rows a day either side of every retention boundary, so the first PII deletion
 * has something to do and something to leave alone.
 */
@Component
class DemoData implements ApplicationRunner {
    @PersistenceContext
    private EntityManager em;
    private final PasswordEncoder encoder;
    private final String customerPassword;

    DemoData(PasswordEncoder encoder, @Value("${shop.demo.password}") String customerPassword) {
        this.encoder = encoder;
        this.customerPassword = customerPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (em.createQuery("select count(c) from Customer c", Long.class).getSingleResult() > 0) {
            return;
        }
        Instant now = Clock.systemUTC().instant();
        String hash = encoder.encode(customerPassword);
        String[] names = {"Ann Example", "Bob Example", "Cleo Example", "Dan Example"};
        Customer[] customers = new Customer[names.length];
        for (int i = 0; i < names.length; i++) {
            String first = names[i].substring(0, names[i].indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
            customers[i] = new Customer((long) i + 1, first + "@example.com", names[i], "+49 170 000 00" + i,
                    (i + 1) + " Demo Street, Berlin", i < 2 ? hash : null, now.minus(days(400)));
            em.persist(customers[i]);
        }
        long id = 1;
        for (Customer c : customers) {
            // finished 31 days ago (anonymized), 29 days ago (kept), and one still open
            persistOrder(id++, c, OrderStatus.DELIVERED, now.minus(days(31)));
            persistOrder(id++, c, OrderStatus.SHIPPED, now.minus(days(29)));
            persistOrder(id++, c, OrderStatus.PAID, now.minus(days(200)));
            em.persist(new ProductReview(c.getId(), c, "A reviewer", 5, "Works as described."));
            em.persist(new Subscription(c.getId(), c, "monthly"));
            em.persist(new CouponUsage(c.getId() * 2, c, "WELCOME10", "192.0.2." + c.getId(), now.minus(days(91))));
            em.persist(new CouponUsage(c.getId() * 2 + 1, c, "SPRING5", "192.0.2." + c.getId(), now.minus(days(89))));
        }
        em.persist(new Lead(1L, "old.lead@example.com", "Old Lead", "Acme", "Call me", now.minus(days(91))));
        em.persist(new Lead(2L, "new.lead@example.com", "New Lead", "Acme", "Call me", now.minus(days(89))));
        em.persist(new Lead(3L, "ann@example.com", "Ann Example", null, "Do you ship to Vienna?", now.minus(days(5))));
        em.persist(new CheckoutSession(1L, "gone@example.com", "Gone Buyer", "1 Old Road", now.minus(days(31))));
        em.persist(new CheckoutSession(2L, "bob@example.com", "Bob Example", "2 Demo Street", now.minus(days(29))));
    }

    private void persistOrder(long id, Customer c, OrderStatus status, Instant changed) {
        ShopOrder order = new ShopOrder(id, c, c.getId() + " Demo Street, Berlin", new BigDecimal("49.90"), status,
                changed);
        em.persist(order);
        em.persist(new OrderItem(id, order, "Tea kettle", 1, id % 2 == 0 ? "Happy birthday!" : null));
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}
