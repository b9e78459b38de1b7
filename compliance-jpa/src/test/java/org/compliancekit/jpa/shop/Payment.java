package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** Root of a JOINED hierarchy: the payment table holds no personal data, its subclasses' tables do. */
@Entity
@Table(name = "payments")
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Payment extends BaseEntity {
    @ManyToOne(optional = false)
    PurchaseOrder purchaseOrder;

    BigDecimal amount;
}
