package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;

/** A paid subscription; the payment provider's customer id is kept and cancelled there separately. */
@Entity
@Table(name = "subscriptions")
@Purpose(value = "paid subscriptions", categories = {"purchases"})
public class Subscription {
    @Id
    private Long id;
    @ManyToOne(optional = false)
    private Customer customer;
    @PersonalData(value = Erasure.KEEP, reason = "cancelled separately at the payment provider")
    private String stripeCustomerId;
    @PersonalData(Erasure.REDACT)
    private String plan;

    protected Subscription() {
    }

    public Subscription(Long id, Customer customer, String plan) {
        this.id = id;
        this.customer = customer;
        this.stripeCustomerId = "cus_demo_" + id;
        this.plan = plan;
    }
}
