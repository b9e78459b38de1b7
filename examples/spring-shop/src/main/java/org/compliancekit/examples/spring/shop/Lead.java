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

/** A sales enquiry, found by email; deleted on erasure and 90 days after it came in. */
@Entity
@Table(name = "leads")
@OnErasure(RowAction.DELETE)
@Purpose(value = "sales enquiries", categories = {"contact details"})
@Retain(action = RowAction.DELETE, after = "90d", countingFrom = "createdAt")
public class Lead {
    @Id
    private Long id;
    @SubjectLink(SubjectLink.By.EMAIL)
    @PersonalData
    private String email;
    @PersonalData
    private String name;
    @PersonalData
    private String company;
    @PersonalData
    private String message;
    @Column(nullable = false)
    private Instant createdAt;

    protected Lead() {
    }

    public Lead(Long id, String email, String name, String company, String message, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.company = company;
        this.message = message;
        this.createdAt = createdAt;
    }
}
