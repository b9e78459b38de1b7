package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.compliancekit.jpa.DataSubject;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;

/** A shop customer: the data subject. Erasure keeps the row (orders refer to it) and anonymizes the fields. */
@Entity
@Table(name = "users")
@DataSubject(email = "email")
@Purpose(value = "customer account", categories = {"contact details", "identity", "address"})
public class Customer {
    @Id
    private Long id;
    @PersonalData(Erasure.HASH)
    @Column(nullable = false, unique = true)
    private String email;
    @PersonalData(Erasure.REDACT)
    private String name;
    @PersonalData
    private String phone;
    @PersonalData(Erasure.REDACT)
    private String shippingAddress;
    @PersonalData(Erasure.REDACT)
    private String passwordHash;
    @Column(nullable = false)
    private Instant createdAt;

    protected Customer() {
    }

    public Customer(Long id, String email, String name, String phone, String shippingAddress, String passwordHash,
            Instant createdAt) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.phone = phone;
        this.shippingAddress = shippingAddress;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }
}
