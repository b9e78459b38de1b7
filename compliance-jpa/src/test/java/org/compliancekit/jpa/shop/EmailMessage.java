package org.compliancekit.jpa.shop;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** A SINGLE_TABLE subclass. */
@Entity
@DiscriminatorValue("EMAIL")
public class EmailMessage extends Message {
    @PersonalData(Erasure.HASH)
    String toAddress;
}
