package org.compliancekit.jpashop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** An order whose shipping address is anonymized 30 days after it was placed. */
@Entity
@Table(name = "orders")
@Retain(name = "orders-anonymize", action = RowAction.ANONYMIZE, after = "30d", countingFrom = "placedAt")
public class PurchaseOrder {
    @Id
    public Long id;
    @ManyToOne
    public Customer customer;
    @PersonalData(Erasure.REDACT)
    public String shipStreet;
    public LocalDateTime placedAt;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(Long id, Customer customer, String shipStreet, LocalDateTime placedAt) {
        this.id = id;
        this.customer = customer;
        this.shipStreet = shipStreet;
        this.placedAt = placedAt;
    }
}
