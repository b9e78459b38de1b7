package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.SubjectLink;

/** Two associations lead to a customer; the referred one is the subject. */
@Entity
public class Referral extends BaseEntity {
    @ManyToOne
    Customer referrer;

    @ManyToOne
    @SubjectLink
    Customer referred;

    @PersonalData(Erasure.REDACT)
    String note;
}
