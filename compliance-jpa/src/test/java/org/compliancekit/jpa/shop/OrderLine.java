package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import org.compliancekit.jpa.PersonalData;
import org.hibernate.envers.Audited;

/** A line of an order: two hops from the customer; its table name comes from the naming strategy. */
@Entity
@Audited
public class OrderLine extends BaseEntity {
    @ManyToOne(optional = false)
    PurchaseOrder purchaseOrder;

    @PersonalData
    String giftMessage;

    int quantity;
}
