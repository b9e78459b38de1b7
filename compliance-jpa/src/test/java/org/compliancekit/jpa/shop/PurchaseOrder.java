package org.compliancekit.jpa.shop;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;
import org.compliancekit.jpa.Retain;
import org.compliancekit.jpa.When;
import org.compliancekit.pii.RowAction;
import org.hibernate.envers.Audited;

/** An order: one hop from its customer; the shipping address is an overridden embeddable. */
@Entity
@Table(name = "orders")
@Purpose("order fulfilment")
@Retain(name = "orders-anonymize", action = RowAction.ANONYMIZE, after = "730d", countingFrom = "createdAt",
        when = @When(attribute = "status", in = {"SHIPPED", "CANCELLED"}))
@Audited
public class PurchaseOrder extends BaseEntity {
    @ManyToOne(optional = false)
    Customer customer;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "streetLine", column = @Column(name = "ship_street")),
        @AttributeOverride(name = "city", column = @Column(name = "ship_city")),
        @AttributeOverride(name = "countryCode", column = @Column(name = "ship_country"))
    })
    Address shippingAddress;

    @PersonalData(value = Erasure.KEEP, reason = "bookkeeping law: 10 years")
    @Column(precision = 12, scale = 2)
    BigDecimal amount;

    String status;
}
