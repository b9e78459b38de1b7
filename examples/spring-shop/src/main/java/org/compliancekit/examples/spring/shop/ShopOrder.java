package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;
import org.compliancekit.jpa.Retain;
import org.compliancekit.jpa.When;
import org.compliancekit.pii.RowAction;

/** An order: the recipient's details are anonymized 30 days after it is finished; amount and payment are kept. */
@Entity
@Table(name = "orders")
@Purpose(value = "order fulfilment and bookkeeping", categories = {"contact details", "address", "purchases"})
@Retain(action = RowAction.ANONYMIZE, after = "30d", countingFrom = "statusChangedAt",
        when = @When(attribute = "status", in = {"SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED"}))
public class ShopOrder {
    @Id
    private Long id;
    @ManyToOne(optional = false)
    private Customer customer;
    @PersonalData(Erasure.HASH)
    private String email;
    @PersonalData
    private String phone;
    @PersonalData(Erasure.REDACT)
    private String shippingAddress;
    @PersonalData(value = Erasure.KEEP, reason = "bookkeeping law: 5 years")
    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal amount;
    @PersonalData(value = Erasure.KEEP, reason = "bookkeeping law: 5 years")
    private String stripePaymentIntentId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderStatus status;
    @Column(nullable = false)
    private Instant statusChangedAt;

    protected ShopOrder() {
    }

    public ShopOrder(Long id, Customer customer, String shippingAddress, BigDecimal amount, OrderStatus status,
            Instant statusChangedAt) {
        this.id = id;
        this.customer = customer;
        this.email = customer.getEmail();
        this.phone = "+49 30 555 " + id;
        this.shippingAddress = shippingAddress;
        this.amount = amount;
        this.stripePaymentIntentId = "pi_demo_" + id;
        this.status = status;
        this.statusChangedAt = statusChangedAt;
    }
}
