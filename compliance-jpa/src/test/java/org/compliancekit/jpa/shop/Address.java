package org.compliancekit.jpa.shop;

import jakarta.persistence.Embeddable;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** A postal address, embedded in customers and orders. */
@Embeddable
public class Address {
    @PersonalData(Erasure.REDACT)
    String streetLine;

    @PersonalData
    String city;

    String countryCode;

    public Address() {
    }

    public Address(String streetLine, String city, String countryCode) {
        this.streetLine = streetLine;
        this.city = city;
        this.countryCode = countryCode;
    }
}
