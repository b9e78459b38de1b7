package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** A JOINED subclass whose table name comes from the naming strategy. */
@Entity
public class BankTransfer extends Payment {
    @PersonalData(Erasure.HASH)
    String iban;
}
