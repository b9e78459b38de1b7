package org.compliancekit.jpa.shop;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import org.compliancekit.jpa.PersonalData;

/** A SINGLE_TABLE subclass. */
@Entity
@DiscriminatorValue("SMS")
public class SmsMessage extends Message {
    @PersonalData
    String toNumber;
}
