package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import org.compliancekit.jpa.OnErasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Retain;
import org.compliancekit.pii.RowAction;

/** Rows removed on erasure and thirty days after they start. */
@Entity
@OnErasure(RowAction.DELETE)
@Retain(action = RowAction.DELETE, after = "30d", countingFrom = "createdAt")
public class LoginSession extends BaseEntity {
    @ManyToOne(optional = false)
    Customer customer;

    @PersonalData
    String ipAddress;
}
