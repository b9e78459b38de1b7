package org.compliancekit.jpa.shop;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** Fills the shop through JPA, with a second revision of every customer so Envers holds history. */
public final class ShopData {
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 15, 9, 30);

    private ShopData() {
    }

    public static String email(long c) {
        return "subject" + c + "@example.com";
    }

    public static String name(long c) {
        return "Person Number" + c + "x";
    }

    public static void fill(EntityManagerFactory emf, int customers) {
        inTransaction(emf, em -> {
            Product p = new Product();
            p.id = 1L;
            p.title = "kettle";
            em.persist(p);
            for (long c = 1; c <= customers; c++) {
                Customer cu = new Customer();
                cu.id = c;
                cu.createdAt = T0.plusDays(c);
                cu.email = email(c);
                cu.fullName = name(c);
                cu.homeAddress = new Address("Home street " + c, "Town" + c, "DE");
                cu.bio = "About " + name(c);
                cu.phoneNumbers.addAll(List.of("+49-" + c + "-1", "+49-" + c + "-2"));
                em.persist(cu);
            }
            em.flush();
            for (long c = 1; c <= customers; c++) {
                Customer cu = em.find(Customer.class, c);
                for (long k = 1; k <= 2; k++) {
                    PurchaseOrder o = new PurchaseOrder();
                    o.id = 10 * c + k;
                    o.createdAt = T0.plusDays(c + k);
                    o.customer = cu;
                    o.shippingAddress = new Address("Ship street " + c + "/" + k, "Town" + c, "FR");
                    o.amount = new BigDecimal("12.50").multiply(BigDecimal.valueOf(k));
                    o.status = k == 1 ? "SHIPPED" : "OPEN";
                    em.persist(o);
                    for (long l = 1; l <= 2; l++) {
                        OrderLine line = new OrderLine();
                        line.id = 100 * c + 10 * k + l;
                        line.createdAt = o.createdAt;
                        line.purchaseOrder = o;
                        line.giftMessage = "For " + name(c);
                        line.quantity = (int) l;
                        em.persist(line);
                    }
                    Payment pay;
                    if (k == 1) {
                        CardPayment card = new CardPayment();
                        card.cardHolder = name(c);
                        card.lastDigits = "42" + c;
                        pay = card;
                    } else {
                        BankTransfer bank = new BankTransfer();
                        bank.iban = "DE0012345678" + c;
                        pay = bank;
                    }
                    pay.id = 10 * c + k;
                    pay.createdAt = o.createdAt;
                    pay.purchaseOrder = o;
                    pay.amount = o.amount;
                    em.persist(pay);
                }
                EmailMessage mail = new EmailMessage();
                mail.id = 10 * c + 1;
                mail.recipient = cu;
                mail.body = "Hello " + name(c);
                mail.toAddress = email(c);
                em.persist(mail);
                SmsMessage sms = new SmsMessage();
                sms.id = 10 * c + 2;
                sms.recipient = cu;
                sms.body = "Code for " + name(c);
                sms.toNumber = "+49-" + c + "-1";
                em.persist(sms);
                LoginSession s = new LoginSession();
                s.id = 10 * c + 1;
                s.createdAt = T0;
                s.customer = cu;
                s.ipAddress = "10.0.0." + c;
                em.persist(s);
                Referral r = new Referral();
                r.id = 10 * c + 1;
                r.referred = cu;
                r.referrer = em.find(Customer.class, c % customers + 1);
                r.note = "Met " + name(c);
                em.persist(r);
                NewsletterSignup n = new NewsletterSignup();
                n.id = 10 * c + 1;
                n.emailAddress = email(c);
                em.persist(n);
            }
        });
        inTransaction(emf, em -> {
            for (long c = 1; c <= customers; c++) {
                em.find(Customer.class, c).fullName = name(c) + " Jr";
            }
        });
    }

    public static void inTransaction(EntityManagerFactory emf, java.util.function.Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The customer's email as the entity manager sees it. */
    public static String emailOf(Customer c) {
        return c.email;
    }
}
