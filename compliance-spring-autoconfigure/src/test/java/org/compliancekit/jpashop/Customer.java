package org.compliancekit.jpashop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.compliancekit.jpa.DataSubject;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** The data subject of the JPA test shop. */
@Entity
@Table(name = "customers")
@DataSubject(email = "email")
public class Customer {
    @Id
    public Long id;
    @PersonalData(Erasure.HASH)
    public String email;
    @PersonalData
    public String fullName;

    protected Customer() {
    }

    public Customer(Long id, String email, String fullName) {
        this.id = id;
        this.email = email;
        this.fullName = fullName;
    }
}
