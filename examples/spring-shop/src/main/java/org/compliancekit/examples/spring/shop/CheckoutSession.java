package org.compliancekit.examples.spring.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.compliancekit.jpa.OnErasure;
import org.compliancekit.jpa.PersonalData;
import org.compliancekit.jpa.Purpose;
import org.compliancekit.jpa.Retain;
import org.compliancekit.jpa.SubjectLink;
import org.compliancekit.pii.RowAction;

/** An abandoned checkout kept for recovery emails: deleted on erasure and 30 days after it started. */
@Entity
@Table(name = "checkout_sessions")
@OnErasure(RowAction.DELETE)
@Purpose(value = "abandoned checkout recovery", categories = {"contact details", "address"})
@Retain(action = RowAction.DELETE, after = "30d", countingFrom = "createdAt")
public class CheckoutSession {
    @Id
    private Long id;
    @SubjectLink(SubjectLink.By.EMAIL)
    @PersonalData
    private String buyerEmail;
    @PersonalData
    private String buyerName;
    @PersonalData
    private String shippingAddress;
    @Column(nullable = false)
    private Instant createdAt;

    protected CheckoutSession() {
    }

    public CheckoutSession(Long id, String buyerEmail, String buyerName, String shippingAddress, Instant createdAt) {
        this.id = id;
        this.buyerEmail = buyerEmail;
        this.buyerName = buyerName;
        this.shippingAddress = shippingAddress;
        this.createdAt = createdAt;
    }
}
