package org.compliancekit.jpa.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** A JOINED subclass: its own table, reaching the customer through the payment and the order. */
@Entity
@Table(name = "card_payments")
public class CardPayment extends Payment {
    @PersonalData(Erasure.REDACT)
    String cardHolder;

    @PersonalData(value = Erasure.KEEP, reason = "chargeback disputes: 18 months")
    String lastDigits;
}
