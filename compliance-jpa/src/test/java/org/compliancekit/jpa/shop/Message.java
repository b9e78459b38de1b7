package org.compliancekit.jpa.shop;

import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.compliancekit.jpa.Erasure;
import org.compliancekit.jpa.PersonalData;

/** Root of a SINGLE_TABLE hierarchy: every subclass's personal data lives in this one table. */
@Entity
@Table(name = "messages")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public abstract class Message extends BaseEntity {
    @ManyToOne(optional = false)
    Customer recipient;

    @PersonalData(Erasure.REDACT)
    String body;
}
