package org.compliancekit.jpa.shop;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.jpa.DataSubject;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;
import org.hibernate.envers.Audited;

/** The data subject: its id is the subject id, its email a further identity. */
@Entity
@Table(name = "customers")
@SecondaryTable(name = "customer_profiles")
@DataSubject(email = "email")
@Purpose(value = "customer account", categories = {"contact details"})
@Audited
public class Customer extends BaseEntity {
    @PersonalData(Erasure.HASH)
    @Column(nullable = false, length = 200)
    String email;

    @PersonalData(Erasure.REDACT)
    String fullName;

    @Embedded
    Address homeAddress;

    @PersonalData(value = Erasure.REDACT, text = "[removed]")
    @Column(table = "customer_profiles", name = "about_me")
    String bio;

    @ElementCollection
    @CollectionTable(name = "customer_phones", joinColumns = @JoinColumn(name = "customer_id"))
    @OrderColumn(name = "position")
    @Column(name = "phone")
    @PersonalData
    List<String> phoneNumbers = new ArrayList<>();

    public Customer() {
    }
}
