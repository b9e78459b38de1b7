package org.compliancekit.jpa.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.OnErasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.SubjectLink;
import org.compliancekit.pii.RowAction;

/** Found by email address: no association to the customer. */
@Entity
@OnErasure(RowAction.DELETE)
public class NewsletterSignup extends BaseEntity {
    @SubjectLink(SubjectLink.By.EMAIL)
    @PersonalData(Erasure.HASH)
    @Column(length = 200)
    String emailAddress;
}
